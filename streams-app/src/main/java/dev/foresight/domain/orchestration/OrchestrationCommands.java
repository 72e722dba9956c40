package dev.foresight.domain.orchestration;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.OrchestrationAction;
import dev.foresight.schema.commands.OrchestrationCommand;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.state.HealthStatus;
import dev.foresight.schema.state.ServiceHealth;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the records the orchestrator emits. Ids derive from the check that caused them, so a
 * reprocessed check yields the same ids and executors can de-duplicate.
 */
public final class OrchestrationCommands {

    public static final String VERSION = "1";

    private final String environment;
    private final String serviceId;
    private final String causeId;
    private final Instant at;

    public OrchestrationCommands(String environment, String serviceId, String causeId, Instant at) {
        this.environment = environment;
        this.serviceId = serviceId;
        this.causeId = causeId;
        this.at = at;
    }

    /** The same cause and time, for another service of the environment (a dependent being degraded). */
    public OrchestrationCommands forService(String otherServiceId) {
        return new OrchestrationCommands(environment, otherServiceId, causeId, at);
    }

    public static String key(String environment, String serviceId) {
        return environment + "/" + serviceId;
    }

    public static dev.foresight.schema.commands.StartupPlan plan(String environment, StartupPlan plan, List<String> problems,
                                                          Instant at, int services) {
        String basis = environment + plan.groups() + problems + plan.dependencies();
        return dev.foresight.schema.commands.StartupPlan.newBuilder()
                .setPlanId(id(basis)).setIssuedAt(at).setEnvironment(environment).setValid(problems.isEmpty())
                .setGroups(plan.groups()).setProblems(problems).setDependencies(plan.dependencies())
                .setDecision(decision("orchestration-planner", Map.of("services", (double) services,
                        "groups", (double) plan.groups().size()), Map.of(), problems.isEmpty()
                        ? "topological order of the dependencies; a group's services start in parallel"
                        : "not planned: " + String.join("; ", problems)))
                .build();
    }

    public ServiceHealth health(String instanceId, Evaluation e, EnvironmentPolicy policy, long evaluatedAtMs) {
        HealthScore score = e.score();
        ServiceStatus s = e.status();
        return ServiceHealth.newBuilder().setEnvironment(environment).setServiceId(serviceId).setInstanceId(instanceId)
                .setCheckEventId(causeId).setCheckedAt(at).setEvaluatedAt(Instant.ofEpochMilli(evaluatedAtMs))
                .setScore(score.score()).setStatus(HealthStatus.valueOf(score.status().name()))
                .setInputs(score.inputs()).setWeights(policy.weights().asMap()).setSlaTarget(policy.slaTarget())
                .setAvailability(e.availability()).setSlaMet(e.slaMet()).setBreaker(s.breaker().phase().name())
                .setDegraded(!s.degradedBy().isEmpty()).setFailingSince(s.recovery().failingSince())
                .setRecoveredAfterMs(e.recovery().filter(a -> a instanceof Recovery.Recovered)
                        .map(a -> ((Recovery.Recovered) a).took().toMillis()).orElse(null))
                .build();
    }

    public OrchestrationCommand restart(Recovery.Restart r, EnvironmentPolicy policy) {
        return command(OrchestrationAction.RESTART, "orchestration-recovery",
                Map.of("attempt", (double) r.attempt(), "delayMs", (double) r.delay().toMillis()),
                Map.of("maxAttempts", (double) policy.recovery().backoff().maxAttempts(),
                        "maxDelayMs", (double) policy.recovery().backoff().cap().toMillis()),
                "restart " + r.attempt() + " of " + policy.recovery().backoff().maxAttempts()
                        + " after " + r.delay().toMillis() + " ms (exponential backoff with jitter)")
                .setAttempt(r.attempt()).setDelayMs(r.delay().toMillis()).setNotBefore(r.notBefore()).build();
    }

    public OrchestrationCommand escalate(Recovery.Escalate r) {
        return command(OrchestrationAction.ESCALATE, "orchestration-recovery",
                Map.of("attempts", (double) r.attempts()), Map.of(),
                r.attempts() + " restarts did not help since " + r.failingSince()).setAttempt(r.attempts()).build();
    }

    public Alert escalationAlert(Recovery.Escalate r) {
        return alert("orchestration-escalation", AlertSeverity.CRITICAL, serviceId + " in " + environment
                + " still fails after " + r.attempts() + " restarts (failing since " + r.failingSince() + ")");
    }

    public OrchestrationCommand breaker(BreakerState.Phase entered, BreakerState state, List<String> callers) {
        OrchestrationAction action = switch (entered) {
            case OPEN -> OrchestrationAction.OPEN_CIRCUIT;
            case HALF_OPEN -> OrchestrationAction.HALF_OPEN_CIRCUIT;
            case CLOSED -> OrchestrationAction.CLOSE_CIRCUIT;
        };
        return command(action, "orchestration-breaker", Map.of("failureRate", CircuitBreaker.failureRate(state)),
                Map.of(), "breaker on calls to " + serviceId + " is " + entered)
                .setCallers(callers).build();
    }

    public OrchestrationCommand degrade(List<String> causes) {
        return command(OrchestrationAction.DEGRADE, "orchestration-degradation", Map.of(), Map.of(),
                "run without " + String.join(", ", causes) + ": their breakers are not closed")
                .setCauses(causes).build();
    }

    public OrchestrationCommand restore() {
        return command(OrchestrationAction.RESTORE, "orchestration-degradation", Map.of(), Map.of(),
                "every dependency's breaker is closed again").build();
    }

    public OrchestrationCommand switchTraffic(BlueGreen.Switch s, int healthyChecks) {
        return command(OrchestrationAction.SWITCH_TRAFFIC, "orchestration-blue-green", Map.of(),
                Map.of("healthyChecks", (double) healthyChecks),
                "move traffic to " + s.toSlot() + " (" + s.toVersion() + ") after " + healthyChecks + " healthy checks")
                .setFromVersion(s.fromVersion()).setToVersion(s.toVersion()).build();
    }

    public OrchestrationCommand revertTraffic(BlueGreen.Revert r) {
        return command(OrchestrationAction.REVERT_TRAFFIC, "orchestration-blue-green",
                Map.of("msAfterSwitch", (double) r.afterSwitch().toMillis()), Map.of(),
                r.failedVersion() + " failed " + r.afterSwitch().toSeconds() + " s after the switch: traffic back to "
                        + r.toSlot()).setFromVersion(r.failedVersion()).setToVersion(r.restoredVersion()).build();
    }

    /** The deployment rollback command for a reverted switch, so rollback executors see every revert. */
    public RollbackCommand rollback(BlueGreen.Revert r) {
        return RollbackCommand.newBuilder().setCommandId(id(causeId + "rollback")).setIssuedAt(at)
                .setDeploymentId(rollbackKey(r)).setServiceId(serviceId).setFailedVersion(r.failedVersion())
                .setRestoreVersion(r.restoredVersion()).setBlend(List.of())
                .setDecision(decision("orchestration-blue-green", Map.of("msAfterSwitch",
                        (double) r.afterSwitch().toMillis()), Map.of(), "blue-green revert: the standby slot "
                        + r.toSlot() + " still runs " + r.restoredVersion() + ", so nothing is blended"))
                .build();
    }

    String rollbackKey(BlueGreen.Revert r) {
        return "blue-green/" + environment + "/" + serviceId + "/" + r.failedVersion();
    }

    public Alert rejectionAlert(BlueGreen.Reject r) {
        return alert("orchestration-green-rejected", AlertSeverity.WARNING, serviceId + " " + r.version()
                + " failed a check after " + r.passedChecks() + " healthy ones; traffic stays where it is");
    }

    private OrchestrationCommand.Builder command(OrchestrationAction action, String madeBy, Map<String, Double> inputs,
                                                 Map<String, Double> thresholds, String explanation) {
        return OrchestrationCommand.newBuilder().setCommandId(id(causeId + action + serviceId)).setIssuedAt(at)
                .setEnvironment(environment).setServiceId(serviceId).setAction(action)
                .setDecision(decision(madeBy, inputs, thresholds, explanation));
    }

    private Alert alert(String kind, AlertSeverity severity, String message) {
        return Alert.newBuilder().setAlertId(id(causeId + kind + serviceId)).setIssuedAt(at).setKind(kind)
                .setSeverity(severity).setSubject(key(environment, serviceId)).setMessage(message)
                .setDecision(decision("orchestration", Map.of(), Map.of(), message)).build();
    }

    private static Decision decision(String madeBy, Map<String, Double> inputs, Map<String, Double> thresholds,
                                     String explanation) {
        return Decision.newBuilder().setMadeBy(madeBy).setVersion(VERSION).setInputs(inputs).setThresholds(thresholds)
                .setExplanation(explanation).build();
    }

    private static String id(String basis) {
        return UUID.nameUUIDFromBytes(basis.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
