package dev.foresight.topology.telemetry;

import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.state.TelemetryAggregate;
import dev.foresight.topics.Topic;

/** The topics telemetry aggregation writes. */
public record TelemetryTopics(Topic<String, TelemetryAggregate> aggregates, Topic<String, DeadLetter> deadLetters) {
}
