package dev.foresight.serde;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.DemandReport;
import dev.foresight.schema.commands.GateDecision;
import dev.foresight.schema.commands.Incident;
import dev.foresight.schema.commands.InterventionRequest;
import dev.foresight.schema.commands.OrchestrationCommand;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.commands.SynthesisDecision;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.IncidentAcknowledged;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.internal.EarlyHealthCheck;
import dev.foresight.schema.internal.FleetInput;
import dev.foresight.schema.internal.GateInput;
import dev.foresight.schema.internal.GuardianInput;
import dev.foresight.schema.internal.OrchestrationInput;
import dev.foresight.schema.internal.SynthesisInput;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.FleetBucket;
import dev.foresight.schema.state.FleetDemandState;
import dev.foresight.schema.state.GateEvidence;
import dev.foresight.schema.state.HostBaseline;
import dev.foresight.schema.state.HostRiskProfile;
import dev.foresight.schema.state.HostRiskRound;
import dev.foresight.schema.state.HostRiskState;
import dev.foresight.schema.state.OrchestratedService;
import dev.foresight.schema.state.PipelineTemplate;
import dev.foresight.schema.state.PipelineVersion;
import dev.foresight.schema.state.Reservation;
import dev.foresight.schema.state.RollbackRates;
import dev.foresight.schema.state.SeriesBucket;
import dev.foresight.schema.state.SeriesPoint;
import dev.foresight.schema.state.ServiceHealth;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.schema.state.TelemetryAggregate;
import dev.foresight.schema.state.UsageWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every schema this product writes or has written, addressable by a stable 4-byte id.
 *
 * <p>The id is derived from the schema's parsing-form fingerprint, so every process computes the same
 * id for the same schema without a registry. Older versions stay in {@code schemas/history/} so data
 * written with them remains readable.
 */
public final class BundledSchemas {

    private static final List<Schema> CURRENT = List.of(
            TelemetryEvent.getClassSchema(), WorkflowEvent.getClassSchema(), DeploymentEvent.getClassSchema(),
            PipelineEvent.getClassSchema(), HealthCheckEvent.getClassSchema(),
            AllocationCommand.getClassSchema(), PipelineSynthesisCommand.getClassSchema(),
            RollbackCommand.getClassSchema(), Alert.getClassSchema(), RiskScore.getClassSchema(),
            DemandReport.getClassSchema(), DeadLetter.getClassSchema(), TelemetryAggregate.getClassSchema(),
            ShadowWorkflow.getClassSchema(), UsageWindow.getClassSchema(), Reservation.getClassSchema(),
            DeploymentState.getClassSchema(), HostRiskState.getClassSchema(), HostBaseline.getClassSchema(),
            RequestMetricEvent.getClassSchema(), FleetHeartbeatEvent.getClassSchema(), FleetBucket.getClassSchema(),
            FleetDemandState.getClassSchema(), SeriesPoint.getClassSchema(), SeriesBucket.getClassSchema(),
            AnomalyScore.getClassSchema(), HostRiskProfile.getClassSchema(), HostRiskRound.getClassSchema(),
            ServiceTopologyEvent.getClassSchema(), StartupPlan.getClassSchema(),
            OrchestrationCommand.getClassSchema(), ServiceHealth.getClassSchema(),
            OrchestratedService.getClassSchema(), SeriesForecast.getClassSchema(), SynthesisDecision.getClassSchema(),
            PipelineVersion.getClassSchema(), PipelineTemplate.getClassSchema(), GuardianInput.getClassSchema(),
            RollbackRates.getClassSchema(), InterventionRequest.getClassSchema(), Incident.getClassSchema(),
            IncidentAcknowledged.getClassSchema(), GateDecision.getClassSchema(), GateEvidence.getClassSchema(),
            GateInput.getClassSchema(), SynthesisInput.getClassSchema(), FleetInput.getClassSchema(),
            OrchestrationInput.getClassSchema(), EarlyHealthCheck.getClassSchema());

    private static final List<String> HISTORY = List.of("TelemetryEvent.v1.avsc", "TelemetryEvent.v2.avsc",
            "WorkflowEvent.v1.avsc", "AllocationCommand.v1.avsc", "DemandReport.v1.avsc", "RiskScore.v1.avsc",
            "HealthCheckEvent.v1.avsc", "SeriesPoint.v1.avsc", "PipelineEvent.v1.avsc",
            // the commands as they were before Decision gained its evidence
            "Alert.v1.avsc", "AllocationCommand.v2.avsc", "DemandReport.v2.avsc", "OrchestrationCommand.v1.avsc",
            "RiskScore.v2.avsc", "RollbackCommand.v1.avsc", "StartupPlan.v1.avsc",
            // before ResourceApplied had an outcome
            "DeploymentEvent.v1.avsc", "DeploymentState.v1.avsc", "GuardianInput.v1.avsc", "RollbackCommand.v2.avsc",
            // before manual intervention: no OperatorDecision, no ShadowAction.intervention
            "WorkflowEvent.v2.avsc", "ShadowWorkflow.v1.avsc",
            // before a deployment named its environment and a plan carried its graph (GuardianInput.v2 is also
            // the union before the guardian's baseline carried continuous host risk)
            "DeploymentEvent.v2.avsc", "DeploymentState.v2.avsc", "GuardianInput.v2.avsc", "StartupPlan.v2.avsc",
            // before the guardian's baseline carried continuous host risk, and host risk alerts a debounce
            "HostBaseline.v1.avsc", "HostRiskState.v1.avsc", "HostRiskProfile.v1.avsc",
            // before a host's deviation scales outlived a restart
            "HostRiskProfile.v2.avsc");

    private static final BundledSchemas INSTANCE = new BundledSchemas();

    private final Map<Integer, Schema> byId = new HashMap<>();

    private BundledSchemas() {
        CURRENT.forEach(this::add);
        HISTORY.forEach(file -> add(load("/schemas/history/" + file)));
    }

    public static BundledSchemas instance() {
        return INSTANCE;
    }

    /** The 4-byte id a schema carries on the wire: 31 bits of its parsing-form fingerprint. */
    public static int idOf(Schema schema) {
        return (int) (SchemaNormalization.parsingFingerprint64(schema) & 0x7fffffffL);
    }

    public Optional<Schema> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    private void add(Schema schema) {
        Schema clash = byId.putIfAbsent(idOf(schema), schema);
        if (clash != null && !clash.equals(schema)) {
            throw new IllegalStateException("schema id clash between " + clash.getFullName() + " and " + schema.getFullName());
        }
    }

    private static Schema load(String resource) {
        try (InputStream in = BundledSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled schema " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
