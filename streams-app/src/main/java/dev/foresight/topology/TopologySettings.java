package dev.foresight.topology;

import dev.foresight.domain.deployment.DeploymentSettings;
import dev.foresight.ingest.IngestSettings;
import dev.foresight.topology.telemetry.AggregationSettings;
import dev.foresight.topology.workflow.WorkflowSettings;

/** Every tunable of the topology, grouped by feature. */
public record TopologySettings(IngestSettings ingest, AggregationSettings aggregation, WorkflowSettings workflow,
                               DeploymentSettings deployment) {

    public static TopologySettings defaults() {
        return new TopologySettings(IngestSettings.defaults(), AggregationSettings.defaults(),
                WorkflowSettings.defaults(), DeploymentSettings.defaults());
    }
}
