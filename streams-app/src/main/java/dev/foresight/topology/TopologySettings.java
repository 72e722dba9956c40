package dev.foresight.topology;

import dev.foresight.domain.alerting.AlertingSettings;
import dev.foresight.domain.builds.BuildRiskSettings;
import dev.foresight.domain.deployment.DeploymentSettings;
import dev.foresight.domain.fleet.FleetSettings;
import dev.foresight.domain.gates.GateSettings;
import dev.foresight.domain.hostrisk.HostRiskSettings;
import dev.foresight.domain.synthesis.SynthesisSettings;
import dev.foresight.ingest.IngestSettings;
import dev.foresight.topology.orchestration.OrchestrationSettings;
import dev.foresight.topology.signals.SignalsSettings;
import dev.foresight.topology.telemetry.AggregationSettings;
import dev.foresight.topology.workflow.WorkflowSettings;

/** Every tunable of the topology, grouped by feature. */
public record TopologySettings(IngestSettings ingest, AggregationSettings aggregation, WorkflowSettings workflow,
                               DeploymentSettings deployment, FleetSettings fleet, SignalsSettings signals,
                               HostRiskSettings hostRisk, OrchestrationSettings orchestration,
                               BuildRiskSettings builds, SynthesisSettings synthesis,
                               AlertingSettings alerting, GateSettings gates) {

    public static TopologySettings defaults() {
        return new TopologySettings(IngestSettings.defaults(), AggregationSettings.defaults(),
                WorkflowSettings.defaults(), DeploymentSettings.defaults(), FleetSettings.defaults(),
                SignalsSettings.defaults(), HostRiskSettings.defaults(), OrchestrationSettings.defaults(),
                BuildRiskSettings.defaults(), SynthesisSettings.defaults(), AlertingSettings.defaults(),
                GateSettings.defaults());
    }

    /** These settings with other host-risk settings, for evaluations and tests of that feature alone. */
    public TopologySettings withHostRisk(HostRiskSettings other) {
        return new TopologySettings(ingest, aggregation, workflow, deployment, fleet, signals, other, orchestration,
                builds, synthesis, alerting, gates);
    }
}
