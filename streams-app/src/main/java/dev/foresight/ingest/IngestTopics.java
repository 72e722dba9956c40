package dev.foresight.ingest;

import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.topics.TopicSpec;

/**
 * The input topics the ingest stage reads. They are read as raw bytes and checked against the whole spec
 * (value type, retention, cleanup policy), so the stage gets the catalogue entries, not just serdes.
 */
public record IngestTopics(TopicSpec<TelemetryEvent> telemetry, TopicSpec<WorkflowEvent> workflows,
                           TopicSpec<DeploymentEvent> deployments, TopicSpec<PipelineEvent> pipelines,
                           TopicSpec<HealthCheckEvent> health, TopicSpec<RequestMetricEvent> fleetRequests,
                           TopicSpec<FleetHeartbeatEvent> fleetHeartbeats,
                           TopicSpec<ServiceTopologyEvent> serviceTopology) {
}
