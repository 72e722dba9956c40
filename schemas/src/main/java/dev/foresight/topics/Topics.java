package dev.foresight.topics;

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
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.PipelineTemplate;
import dev.foresight.schema.state.PipelineVersion;
import dev.foresight.schema.state.RollbackRates;
import dev.foresight.schema.state.ServiceHealth;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.schema.state.TelemetryAggregate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/** The topic catalogue: every topic the product reads or writes. Names follow {@code <domain>.<kind>.v1}. */
public final class Topics {

    private static final int PARTITIONS = 4;
    private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);
    private static final String COMPACT = TopicConfig.CLEANUP_POLICY_COMPACT;

    public static final TopicSpec<TelemetryEvent> TELEMETRY =
            new TopicSpec<>("telemetry.events.v1", "hostId", TelemetryEvent.class, PARTITIONS, DELETE, WEEK);
    public static final TopicSpec<WorkflowEvent> WORKFLOWS =
            new TopicSpec<>("workflow.events.v1", "workflowId", WorkflowEvent.class, PARTITIONS, DELETE, WEEK);
    public static final TopicSpec<DeploymentEvent> DEPLOYMENTS =
            new TopicSpec<>("deployment.events.v1", "deploymentId", DeploymentEvent.class, PARTITIONS, DELETE, MONTH);
    public static final TopicSpec<PipelineEvent> PIPELINES =
            new TopicSpec<>("pipeline.events.v1", "serviceId", PipelineEvent.class, PARTITIONS, DELETE, MONTH);
    public static final TopicSpec<HealthCheckEvent> HEALTH =
            new TopicSpec<>("health.events.v1", "serviceId", HealthCheckEvent.class, PARTITIONS, DELETE, WEEK);

    public static final TopicSpec<RequestMetricEvent> FLEET_REQUESTS =
            new TopicSpec<>("fleet.requests.v1", "fleetId", RequestMetricEvent.class, PARTITIONS, DELETE, WEEK);
    public static final TopicSpec<FleetHeartbeatEvent> FLEET_HEARTBEATS =
            new TopicSpec<>("fleet.heartbeats.v1", "fleetId", FleetHeartbeatEvent.class, PARTITIONS, DELETE, WEEK);
    /** Compacted: the latest definition of each service and environment is the topology. */
    public static final TopicSpec<ServiceTopologyEvent> SERVICE_TOPOLOGY =
            new TopicSpec<>("service.topology.v1", "environment/serviceId or environment", ServiceTopologyEvent.class,
                    PARTITIONS, COMPACT, MONTH);

    public static final TopicSpec<TelemetryAggregate> TELEMETRY_AGGREGATES =
            new TopicSpec<>("telemetry.aggregates.v1", "hostId or serviceId", TelemetryAggregate.class,
                    PARTITIONS, DELETE, WEEK);
    public static final TopicSpec<AllocationCommand> ALLOCATIONS =
            new TopicSpec<>("allocation.commands.v1", "target", AllocationCommand.class, PARTITIONS, DELETE, MONTH);
    public static final TopicSpec<PipelineSynthesisCommand> PIPELINE_COMMANDS =
            new TopicSpec<>("pipeline.commands.v1", "serviceId", PipelineSynthesisCommand.class,
                    PARTITIONS, DELETE, MONTH);
    /** Compacted: every version of every pipeline's definition, complete; an executor rebuilds any one from it. */
    public static final TopicSpec<PipelineVersion> PIPELINE_VERSIONS =
            new TopicSpec<>("pipeline.versions.v1", "serviceId@version", PipelineVersion.class,
                    PARTITIONS, COMPACT, MONTH);
    public static final TopicSpec<SynthesisDecision> SYNTHESIS_DECISIONS =
            new TopicSpec<>("pipeline.decisions.v1", "serviceId", SynthesisDecision.class, PARTITIONS, DELETE, MONTH);
    public static final TopicSpec<RollbackCommand> ROLLBACKS =
            new TopicSpec<>("rollback.commands.v1", "deploymentId", RollbackCommand.class, PARTITIONS, DELETE, MONTH);
    public static final TopicSpec<Alert> ALERTS =
            new TopicSpec<>("alerts.v1", "subject", Alert.class, PARTITIONS, DELETE, MONTH);
    /** The alerts grouped by cause and subject: one record per change of an incident, not one per alert. */
    public static final TopicSpec<Incident> INCIDENTS =
            new TopicSpec<>("incidents.v1", "subject", Incident.class, PARTITIONS, DELETE, MONTH);
    /** Operators' acknowledgements of incidents (REST {@code POST /incidents/ack} or any producer). */
    public static final TopicSpec<IncidentAcknowledged> INCIDENT_ACKS =
            new TopicSpec<>("incident.acks.v1", "subject", IncidentAcknowledged.class, PARTITIONS, DELETE, MONTH);
    /** The quality gates' ALLOW or BLOCK on each deployment and synthesized stage, with the checks' evidence. */
    public static final TopicSpec<GateDecision> GATE_DECISIONS =
            new TopicSpec<>("gate.decisions.v1", "serviceId", GateDecision.class, PARTITIONS, DELETE, MONTH);
    public static final TopicSpec<RiskScore> RISK_SCORES =
            new TopicSpec<>("risk.scores.v1", "hostId", RiskScore.class, PARTITIONS, DELETE, WEEK);
    public static final TopicSpec<DemandReport> DEMAND_REPORTS =
            new TopicSpec<>("demand.reports.v1", "scope", DemandReport.class, PARTITIONS, DELETE, MONTH);
    public static final TopicSpec<ShadowWorkflow> WORKFLOW_SHADOWS =
            new TopicSpec<>("workflow.shadows.v1", "workflowId", ShadowWorkflow.class, PARTITIONS, DELETE, MONTH);
    /** Reservations an operator must decide: neither the model nor history vouches for them. */
    public static final TopicSpec<InterventionRequest> WORKFLOW_INTERVENTIONS =
            new TopicSpec<>("workflow.interventions.v1", "workflowId/actionId", InterventionRequest.class,
                    PARTITIONS, DELETE, MONTH);
    public static final TopicSpec<DeploymentState> DEPLOYMENT_OUTCOMES =
            new TopicSpec<>("deployment.outcomes.v1", "deploymentId", DeploymentState.class, PARTITIONS, DELETE, MONTH);
    /** Compacted: the latest tally of each service's rollbacks, and of all of them (key *). */
    public static final TopicSpec<RollbackRates> ROLLBACK_RATES =
            new TopicSpec<>("rollback.rates.v1", "serviceId or *", RollbackRates.class, PARTITIONS, COMPACT, MONTH);
    public static final TopicSpec<AnomalyScore> ANOMALY_SCORES =
            new TopicSpec<>("anomaly.scores.v1", "serviceId/metric", AnomalyScore.class, PARTITIONS, DELETE, WEEK);
    /** Forecasts of every delivery series with the need each implies, for pipeline synthesis to act on ahead of it. */
    public static final TopicSpec<SeriesForecast> SERIES_FORECASTS =
            new TopicSpec<>("series.forecasts.v1", "serviceId/metric", SeriesForecast.class, PARTITIONS, DELETE, WEEK);
    public static final TopicSpec<StartupPlan> STARTUP_PLANS =
            new TopicSpec<>("orchestration.plans.v1", "environment", StartupPlan.class, PARTITIONS, COMPACT, MONTH);
    public static final TopicSpec<OrchestrationCommand> ORCHESTRATION_COMMANDS =
            new TopicSpec<>("orchestration.commands.v1", "environment/serviceId", OrchestrationCommand.class,
                    PARTITIONS, DELETE, MONTH);
    public static final TopicSpec<ServiceHealth> SERVICE_HEALTH =
            new TopicSpec<>("service.health.v1", "environment/serviceId", ServiceHealth.class, PARTITIONS, DELETE, WEEK);
    public static final TopicSpec<DeadLetter> DEAD_LETTERS =
            new TopicSpec<>("deadletter.v1", "original key", DeadLetter.class, PARTITIONS, DELETE, MONTH);

    /** Compacted reference data the app reads whole: the live pipeline templates, seeded from the repo's files. */
    public static final TopicSpec<PipelineTemplate> PIPELINE_TEMPLATES =
            new TopicSpec<>("pipeline.templates.v1", "templateId", PipelineTemplate.class, 1, COMPACT, MONTH);

    public static final List<TopicSpec<?>> INPUTS = List.of(TELEMETRY, WORKFLOWS, DEPLOYMENTS, PIPELINES, HEALTH,
            FLEET_REQUESTS, FLEET_HEARTBEATS, SERVICE_TOPOLOGY);
    public static final List<TopicSpec<?>> OUTPUTS = List.of(TELEMETRY_AGGREGATES, ALLOCATIONS, PIPELINE_COMMANDS,
            ROLLBACKS, ALERTS, RISK_SCORES, DEMAND_REPORTS, DEAD_LETTERS, WORKFLOW_SHADOWS,
            DEPLOYMENT_OUTCOMES, ANOMALY_SCORES, SERIES_FORECASTS, STARTUP_PLANS, ORCHESTRATION_COMMANDS, SERVICE_HEALTH,
            PIPELINE_VERSIONS, SYNTHESIS_DECISIONS, ROLLBACK_RATES, WORKFLOW_INTERVENTIONS, INCIDENTS, GATE_DECISIONS);
    public static final List<TopicSpec<?>> REFERENCE = List.of(PIPELINE_TEMPLATES);
    /** What operators write, not the simulators: kept by {@code clean} like the inputs. */
    public static final List<TopicSpec<?>> OPERATOR = List.of(INCIDENT_ACKS);
    public static final List<TopicSpec<?>> ALL = concat(concat(concat(INPUTS, OUTPUTS), REFERENCE), OPERATOR);

    /**
     * What a producer must partition a record of {@code topic} by, when not by its whole key: on
     * {@link #SERVICE_TOPOLOGY} the environment, so that an environment's edits share a partition, stay in
     * order and reach the orchestrator together, while compaction still keeps one edit per service.
     */
    public static Optional<String> partitionKey(TopicSpec<?> topic, String key) {
        if (!topic.name().equals(SERVICE_TOPOLOGY.name())) {
            return Optional.empty();
        }
        int slash = key.indexOf('/');
        return Optional.of(slash < 0 ? key : key.substring(0, slash));
    }

    private Topics() {
    }

    private static List<TopicSpec<?>> concat(List<TopicSpec<?>> a, List<TopicSpec<?>> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
