package dev.foresight.ingest;

import static dev.foresight.ingest.Checks.allInRange;
import static dev.foresight.ingest.Checks.first;
import static dev.foresight.ingest.Checks.inRange;
import static dev.foresight.ingest.Checks.present;

import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.HostStepCompleted;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.events.WorkflowEvent;
import java.util.Optional;

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

    public static final EventFamily<TelemetryEvent> TELEMETRY = new EventFamily<>(
            "telemetry", TelemetryEvent::getHostId, TelemetryEvent::getTimestamp,
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
            "workflow", WorkflowEvent::getWorkflowId, WorkflowEvent::getTimestamp,
            (key, e, now) -> first(
                    present("workflowId", e.getWorkflowId()), present("workflowType", e.getWorkflowType()),
                    present("eventId", e.getEventId()), workflowPayload(e.getPayload())));

    public static final EventFamily<DeploymentEvent> DEPLOYMENTS = new EventFamily<>(
            "deployment", DeploymentEvent::getDeploymentId, DeploymentEvent::getTimestamp,
            (key, e, now) -> first(
                    present("deploymentId", e.getDeploymentId()), present("serviceId", e.getServiceId()),
                    present("eventId", e.getEventId()), deploymentPayload(e.getPayload())));

    public static final EventFamily<PipelineEvent> PIPELINES = new EventFamily<>(
            "pipeline", PipelineEvent::getServiceId, PipelineEvent::getTimestamp,
            (key, e, now) -> first(
                    present("serviceId", e.getServiceId()), present("eventId", e.getEventId()),
                    pipelinePayload(e.getPayload())));

    public static final EventFamily<HealthCheckEvent> HEALTH = new EventFamily<>(
            "health", HealthCheckEvent::getServiceId, HealthCheckEvent::getTimestamp,
            (key, e, now) -> first(
                    present("serviceId", e.getServiceId()), present("instanceId", e.getInstanceId()),
                    present("eventId", e.getEventId()),
                    inRange("latencyMs", e.getLatencyMs(), 0, MAX_LATENCY_MS)));

    private EventFamilies() {
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
        return Optional.empty();
    }

    private static Optional<String> deploymentPayload(Object payload) {
        if (payload instanceof DeploymentStarted s) {
            return first(present("fromVersion", s.getFromVersion()), present("toVersion", s.getToVersion()),
                    s.getHosts().isEmpty() ? Optional.of("hosts is empty") : Optional.empty());
        }
        if (payload instanceof HostStepCompleted h) {
            return first(present("hostId", h.getHostId()),
                    h.getStep() < 0 ? Optional.of("step " + h.getStep() + " is negative") : Optional.empty());
        }
        if (payload instanceof ResourceApplied r) {
            return first(present("resource.resourceId", r.getResource().getResourceId()),
                    present("resource.version", r.getResource().getVersion()));
        }
        return Optional.empty();
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
        return Optional.empty();
    }
}
