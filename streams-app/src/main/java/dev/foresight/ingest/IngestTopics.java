package dev.foresight.ingest;

import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.topics.Topic;

/** The topics the ingest stage reads (raw bytes, decoded by each topic's value serde) and dead-letters to. */
public record IngestTopics(Topic<String, TelemetryEvent> telemetry, Topic<String, WorkflowEvent> workflows,
                           Topic<String, DeploymentEvent> deployments, Topic<String, PipelineEvent> pipelines,
                           Topic<String, HealthCheckEvent> health, Topic<String, DeadLetter> deadLetters) {
}
