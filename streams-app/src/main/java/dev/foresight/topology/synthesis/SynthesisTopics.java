package dev.foresight.topology.synthesis;

import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.commands.SynthesisDecision;
import dev.foresight.schema.state.PipelineTemplate;
import dev.foresight.schema.state.PipelineVersion;
import dev.foresight.topics.Topic;

/**
 * The topics pipeline synthesis reads and writes, wired in by the application topology.
 *
 * @param anomalyScores the delivery signals' closed minutes, with their anomaly scores (read)
 * @param forecasts     the delivery signals' forecasts of each series (read)
 * @param templates     the live template catalogue, compacted (read whole, as a global table)
 * @param commands      ADD_STAGE and ROLLBACK for the pipeline executors
 * @param versions      every version of every definition, compacted
 * @param decisions     the decision log
 */
public record SynthesisTopics(Topic<String, AnomalyScore> anomalyScores, Topic<String, SeriesForecast> forecasts,
                              Topic<String, PipelineTemplate> templates, Topic<String, PipelineSynthesisCommand> commands,
                              Topic<String, PipelineVersion> versions, Topic<String, SynthesisDecision> decisions) {
}
