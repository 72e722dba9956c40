package dev.foresight.ingest;

import static dev.foresight.ingest.Checks.allInRange;
import static dev.foresight.ingest.Checks.avroSchema;
import static dev.foresight.ingest.Checks.first;
import static dev.foresight.ingest.Checks.inRange;
import static dev.foresight.ingest.Checks.present;
import static dev.foresight.ingest.Checks.versionPartsFit;

import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.OperatorDecision;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.BuildStarted;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.EnvironmentDefinition;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.HostStepCompleted;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.PipelineRunFinished;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.events.StageResult;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.events.UpstreamReleased;
import dev.foresight.schema.events.WorkflowEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The input families and the bounds beyond which a value is not a measurement but an error. */
public final class EventFamilies {

    static final double MAX_NETWORK_MBPS = 1_000_000;
    static final double MAX_LATENCY_MS = 3_600_000;
    static final double MAX_REQUEST_RATE = 1e9;
    static final double MAX_KPI = 1e15;
    static final double MAX_CORES = 4096;
    static final double MAX_MEMORY_MB = 64.0 * 1024 * 1024;
    static final double MAX_NETWORK_MB = 1e9;
    static final double MAX_COST = 1e7;
    static final double MAX_DURATION_MS = 90.0 * 24 * 3_600_000;
    /** More tokens than any model's context in one request is a unit or counting error. */
    static final double MAX_REQUEST_TOKENS = 10_000_000;
    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");
    static final Set<String> SLOTS = Set.of("blue", "green");
    static final Set<String> HEALTH_WEIGHTS = Set.of("check", "latency", "errors", "resources");
    static final double MAX_DELAY_MS = 24 * 3_600_000.0;
    /** More stages than any real pipeline has is a loop in the reporting executor. */
    static final int MAX_STAGES = 200;

    public static final EventFamily<TelemetryEvent> TELEMETRY = new EventFamily<>(
            "telemetry", TelemetryEvent::getHostId,
            TelemetryEvent::getEventId, TelemetryEvent::getTimestamp,
            (key, e, now) -> first(
                    present("hostId", e.getHostId()), present("serviceId", e.getServiceId()),
                    present("eventId", e.getEventId()),
                    inRange("cpuUtilization", e.getCpuUtilization(), 0, 1),
                    inRange("memoryUtilization", e.getMemoryUtilization(), 0, 1),
                    inRange("networkMbps", e.getNetworkMbps(), 0, MAX_NETWORK_MBPS),
                    inRange("latencyMs", e.getLatencyMs(), 0, MAX_LATENCY_MS),
                    inRange("requestRate", e.getRequestRate(), 0, MAX_REQUEST_RATE),
                    inRange("errorRate", e.getErrorRate(), 0, 1),
                    allInRange("kpis", e.getKpis(), -MAX_KPI, MAX_KPI)));

    public static final EventFamily<WorkflowEvent> WORKFLOWS = new EventFamily<>(
            "workflow", WorkflowEvent::getWorkflowId,
            WorkflowEvent::getEventId, WorkflowEvent::getTimestamp,
            (key, e, now) -> first(
                    present("workflowId", e.getWorkflowId()), present("workflowType", e.getWorkflowType()),
                    present("eventId", e.getEventId()), workflowPayload(e.getPayload())));

    public static final EventFamily<DeploymentEvent> DEPLOYMENTS = new EventFamily<>(
            "deployment", DeploymentEvent::getDeploymentId,
            DeploymentEvent::getEventId, DeploymentEvent::getTimestamp,
            (key, e, now) -> first(
                    present("deploymentId", e.getDeploymentId()), present("serviceId", e.getServiceId()),
                    present("eventId", e.getEventId()), deploymentPayload(e.getPayload())));

    public static final EventFamily<PipelineEvent> PIPELINES = new EventFamily<>(
            "pipeline", PipelineEvent::getServiceId,
            PipelineEvent::getEventId, PipelineEvent::getTimestamp,
            (key, e, now) -> first(
                    present("serviceId", e.getServiceId()), present("eventId", e.getEventId()),
                    pipelinePayload(e.getPayload())));

    public static final EventFamily<HealthCheckEvent> HEALTH = new EventFamily<>(
            "health", HealthCheckEvent::getServiceId,
            HealthCheckEvent::getEventId, HealthCheckEvent::getTimestamp,
            (key, e, now) -> first(
                    present("serviceId", e.getServiceId()), present("instanceId", e.getInstanceId()),
                    present("eventId", e.getEventId()),
                    inRange("latencyMs", e.getLatencyMs(), 0, MAX_LATENCY_MS),
                    environment(e.getEnvironment()), optionalShare("errorRate", e.getErrorRate()),
                    optionalShare("cpuUtilization", e.getCpuUtilization()),
                    optionalShare("memoryUtilization", e.getMemoryUtilization()),
                    e.getSlot() == null || SLOTS.contains(e.getSlot()) ? Optional.empty()
                            : Optional.of("slot '" + e.getSlot() + "' is not one of " + SLOTS)));

    /** Key: environment/serviceId for a service, environment for the environment's settings. */
    public static final EventFamily<ServiceTopologyEvent> SERVICE_TOPOLOGY = new EventFamily<>(
            "service-topology", EventFamilies::topologyKey,
            ServiceTopologyEvent::getEventId, ServiceTopologyEvent::getTimestamp,
            (key, e, now) -> first(present("eventId", e.getEventId()), environment(e.getEnvironment()),
                    topologyPayload(e.getPayload())));

    public static final EventFamily<RequestMetricEvent> FLEET_REQUESTS = new EventFamily<>(
            "fleet-request", RequestMetricEvent::getFleetId,
            RequestMetricEvent::getEventId, RequestMetricEvent::getTimestamp,
            (key, e, now) -> first(
                    present("fleetId", e.getFleetId()), present("caller", e.getCaller()),
                    present("eventId", e.getEventId()),
                    inRange("promptTokens", e.getPromptTokens(), 0, MAX_REQUEST_TOKENS),
                    inRange("completionTokens", e.getCompletionTokens(), 0, MAX_REQUEST_TOKENS),
                    inRange("latencyMs", e.getLatencyMs(), 0, MAX_LATENCY_MS)));

    public static final EventFamily<FleetHeartbeatEvent> FLEET_HEARTBEATS = new EventFamily<>(
            "fleet-heartbeat", FleetHeartbeatEvent::getFleetId,
            FleetHeartbeatEvent::getEventId, FleetHeartbeatEvent::getTimestamp,
            (key, e, now) -> first(present("fleetId", e.getFleetId()), present("eventId", e.getEventId())));

    private EventFamilies() {
    }

    /** The key a topology edit is compacted under. */
    public static String topologyKey(ServiceTopologyEvent e) {
        return e.getPayload() instanceof ServiceDefinition d ? e.getEnvironment() + "/" + d.getServiceId()
                : e.getEnvironment();
    }

    private static Optional<String> environment(String environment) {
        return ENVIRONMENTS.contains(environment) ? Optional.empty()
                : Optional.of("environment '" + environment + "' is not one of " + ENVIRONMENTS);
    }

    private static Optional<String> optionalShare(String field, Double value) {
        return value == null ? Optional.empty() : inRange(field, value, 0, 1);
    }

    private static Optional<String> topologyPayload(Object payload) {
        if (payload instanceof ServiceDefinition d) {
            return first(present("serviceId", d.getServiceId()),
                    d.getServiceId().contains("/") ? Optional.of("serviceId must not contain '/'") : Optional.empty(),
                    inRange("port", d.getPort(), 1, 65535),
                    d.getDependsOn().contains(d.getServiceId())
                            ? Optional.of(d.getServiceId() + " depends on itself") : Optional.empty());
        }
        EnvironmentDefinition env = (EnvironmentDefinition) payload;
        return first(inRange("slaTarget", env.getSlaTarget(), Double.MIN_VALUE, 1),
                inRange("restartBaseDelayMs", env.getRestartBaseDelayMs(), 1, MAX_DELAY_MS),
                inRange("restartMaxDelayMs", env.getRestartMaxDelayMs(), env.getRestartBaseDelayMs(), MAX_DELAY_MS),
                inRange("restartMaxAttempts", env.getRestartMaxAttempts(), 1, 100),
                inRange("breakerFailureRate", env.getBreakerFailureRate(), Double.MIN_VALUE, 1),
                inRange("breakerOpenMs", env.getBreakerOpenMs(), 0, MAX_DELAY_MS),
                inRange("greenHealthyChecks", env.getGreenHealthyChecks(), 1, 1000),
                inRange("revertWindowMs", env.getRevertWindowMs(), 0, MAX_DELAY_MS),
                env.getHealthWeights().keySet().stream().filter(w -> !HEALTH_WEIGHTS.contains(w)).findFirst()
                        .map(w -> "unknown health weight '" + w + "', expected one of " + HEALTH_WEIGHTS),
                allInRange("healthWeights", env.getHealthWeights(), 0, 1e6));
    }

    static Optional<String> usage(String field, ResourceUsage u) {
        if (u == null) {
            return Optional.empty();
        }
        return first(
                inRange(field + ".cpuCores", u.getCpuCores(), 0, MAX_CORES),
                inRange(field + ".memoryMb", u.getMemoryMb(), 0, MAX_MEMORY_MB),
                inRange(field + ".networkMb", u.getNetworkMb(), 0, MAX_NETWORK_MB),
                inRange(field + ".cost", u.getCost(), 0, MAX_COST),
                inRange(field + ".durationMs", u.getDurationMs(), 0, MAX_DURATION_MS));
    }

    private static Optional<String> workflowPayload(Object payload) {
        if (payload instanceof ActionSubmitted s) {
            return first(present("actionId", s.getActionId()), present("actionType", s.getActionType()),
                    usage("requested", s.getRequested()));
        }
        if (payload instanceof ActionStarted s) {
            return first(present("actionId", s.getActionId()), present("actionType", s.getActionType()),
                    usage("requested", s.getRequested()));
        }
        if (payload instanceof ActionCompleted c) {
            return first(present("actionId", c.getActionId()), present("actionType", c.getActionType()),
                    c.getActual() == null ? Optional.of("actual is missing") : usage("actual", c.getActual()));
        }
        if (payload instanceof OperatorDecision d) {
            return first(present("actionId", d.getActionId()), present("operator", d.getOperator()),
                    usage("resources", d.getResources()));
        }
        return Optional.empty();
    }

    private static Optional<String> deploymentPayload(Object payload) {
        if (payload instanceof DeploymentStarted s) {
            return first(present("fromVersion", s.getFromVersion()), present("toVersion", s.getToVersion()),
                    versionPartsFit("fromVersion", s.getFromVersion()), versionPartsFit("toVersion", s.getToVersion()),
                    s.getHosts().isEmpty() ? Optional.of("hosts is empty") : Optional.empty(),
                    s.getEnvironment() == null ? Optional.empty() : environment(s.getEnvironment()));
        }
        if (payload instanceof HostStepCompleted h) {
            return first(present("hostId", h.getHostId()),
                    h.getStep() < 0 ? Optional.of("step " + h.getStep() + " is negative") : Optional.empty());
        }
        if (payload instanceof ResourceApplied r) {
            return resource(r.getResource());
        }
        return Optional.empty();
    }

    private static Optional<String> resource(DeployedResource r) {
        return first(present("resource.resourceId", r.getResourceId()), present("resource.version", r.getVersion()),
                versionPartsFit("resource.minAppVersion", r.getMinAppVersion()),
                versionPartsFit("resource.maxAppVersion", r.getMaxAppVersion()),
                avroSchema("resource.avroSchema", r.getAvroSchema()),
                avroSchema("resource.previousAvroSchema", r.getPreviousAvroSchema()));
    }

    private static Optional<String> pipelinePayload(Object payload) {
        if (payload instanceof BuildFinished b) {
            return first(present("buildId", b.getBuildId()),
                    inRange("durationMs", b.getDurationMs(), 0, MAX_DURATION_MS));
        }
        if (payload instanceof TestRunFinished t) {
            return first(inRange("durationMs", t.getDurationMs(), 0, MAX_DURATION_MS),
                    inRange("testsRun", t.getTestsRun(), 0, Integer.MAX_VALUE),
                    inRange("testsFailed", t.getTestsFailed(), 0, t.getTestsRun()));
        }
        if (payload instanceof BuildStarted b) {
            return present("buildId", b.getBuildId());
        }
        if (payload instanceof UpstreamReleased u) {
            return first(present("dependency", u.getDependency()), present("version", u.getVersion()),
                    inRange("fixesVulnerabilities", u.getFixesVulnerabilities(), 0, Integer.MAX_VALUE));
        }
        if (payload instanceof PipelineRunFinished r) {
            return first(present("runId", r.getRunId()), inRange("pipelineVersion", r.getPipelineVersion(), 1,
                    Integer.MAX_VALUE), inRange("stages", r.getStages().size(), 0, MAX_STAGES), stages(r.getStages()));
        }
        return Optional.empty();
    }

    private static Optional<String> stages(List<StageResult> stages) {
        return stages.stream().map(s -> first(present("stages.name", s.getName()),
                        inRange("stages.durationMs", s.getDurationMs(), 0, MAX_DURATION_MS),
                        inRange("stages.cost", s.getCost(), 0, MAX_COST)))
                .flatMap(Optional::stream).findFirst();
    }
}
