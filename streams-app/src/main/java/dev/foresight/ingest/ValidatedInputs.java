package dev.foresight.ingest;

import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.WorkflowEvent;
import org.apache.kafka.streams.kstream.KStream;

/** The input streams after validation, keyed by their family's id and stamped with event time. */
public record ValidatedInputs(
        KStream<String, TelemetryEvent> telemetry,
        KStream<String, WorkflowEvent> workflows,
        KStream<String, DeploymentEvent> deployments,
        KStream<String, PipelineEvent> pipelines,
        KStream<String, HealthCheckEvent> health,
        KStream<String, RequestMetricEvent> fleetRequests,
        KStream<String, FleetHeartbeatEvent> fleetHeartbeats,
        KStream<String, ServiceTopologyEvent> serviceTopology) {
}
