package dev.foresight.topology.telemetry;

import dev.foresight.schema.state.TelemetryAggregate;
import dev.foresight.topics.Topic;

/** The topic telemetry aggregation publishes to; its late records go through the dead-letter split. */
public record TelemetryTopics(Topic<String, TelemetryAggregate> aggregates) {
}
