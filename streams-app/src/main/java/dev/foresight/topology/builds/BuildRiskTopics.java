package dev.foresight.topology.builds;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.topics.Topic;

/** The topics build-risk scoring writes. */
public record BuildRiskTopics(Topic<String, RiskScore> riskScores, Topic<String, Alert> alerts) {
}
