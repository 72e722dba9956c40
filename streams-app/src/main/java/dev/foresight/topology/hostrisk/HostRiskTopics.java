package dev.foresight.topology.hostrisk;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.topics.Topic;

/** The topics continuous host risk writes. */
public record HostRiskTopics(Topic<String, RiskScore> riskScores, Topic<String, Alert> alerts) {
}
