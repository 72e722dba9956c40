package dev.foresight.topology.gates;

import dev.foresight.schema.commands.GateDecision;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.topics.Topic;

/**
 * The topics quality gating reads and writes.
 *
 * @param riskScores       the build risk scores (read: only those with a {@code buildId})
 * @param pipelineCommands the synthesized stages (read: ADD_STAGE)
 * @param decisions        ALLOW or BLOCK per gated deployment or stage
 */
public record GateTopics(Topic<String, RiskScore> riskScores, Topic<String, PipelineSynthesisCommand> pipelineCommands,
                         Topic<String, GateDecision> decisions) {
}
