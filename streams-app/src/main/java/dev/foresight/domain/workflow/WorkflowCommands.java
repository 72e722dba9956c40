package dev.foresight.domain.workflow;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.TargetKind;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.state.ActionPrediction;
import dev.foresight.schema.state.PredictionError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the commands and alerts of the workflow feature. Ids derive from what caused them, so a
 * reprocessed event yields the same id and executors can de-duplicate.
 */
public final class WorkflowCommands {

    public static final String SHADOW = "workflow-shadow";
    public static final String POOL = "workflow-reservation-pool";
    public static final String DEVIATION = "prediction-deviation";
    public static final String LOOK_AHEAD = "workflow-look-ahead";
    /** The action id of a workflow's pre-warmed capacity: no REST id can contain {@code *}. */
    public static final String PREWARM_ACTION = "*prewarm";
    private static final int LISTED_TYPES = 8;

    private WorkflowCommands() {
    }

    /** The resource target of a workflow action in commands: {@code workflowId/actionId}. */
    public static String target(String workflowId, String actionId) {
        return workflowId + "/" + actionId;
    }

    /** @param evidence the state the plan was made from ({@link ShadowEvidence}) */
    public static AllocationCommand reserve(String workflowId, String actionId, AllocationPlan plan,
                                            Map<String, String> evidence, Instant at) {
        Decision decision = Decision.newBuilder()
                .setMadeBy(plan.madeBy()).setVersion(plan.version()).setInputs(new HashMap<>(plan.inputs()))
                .setThresholds(plan.thresholds()).setConfidence(plan.confidence()).setExplanation(plan.explanation())
                .setEvidence(evidence).build();
        return command(AllocationAction.RESERVE, target(workflowId, actionId), workflowId, plan.allocated().toUsage(),
                at, decision);
    }

    /** Capacity for what the workflow is forecast to submit within the horizon; amount = horizon in minutes. */
    public static AllocationCommand prewarm(String workflowId, String workflowType, DemandForecast forecast, Instant at) {
        Map<String, Double> inputs = new HashMap<>();
        inputs.put("forecast.memoryMb", forecast.memoryMb());
        inputs.put("forecast.actions", forecast.expectedActions());
        forecast.expectedCounts().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(LISTED_TYPES)
                .forEach(type -> inputs.put("forecast.count." + type.getKey(), type.getValue()));
        double minutes = forecast.horizonMs() / 60_000.0;
        Decision decision = Decision.newBuilder().setMadeBy(LOOK_AHEAD).setVersion("1").setInputs(inputs)
                .setThresholds(Map.of("horizon.minutes", minutes))
                .setExplanation(String.format(Locale.ROOT, "%.1f actions expected within %.0f min, %.0f MiB, from the "
                        + "submit sequences learned for %s", forecast.expectedActions(), minutes, forecast.memoryMb(),
                        workflowType))
                .build();
        AllocationCommand command = command(AllocationAction.PREWARM, target(workflowId, PREWARM_ACTION), workflowId,
                new ResourceUsage(0.0, forecast.memoryMb(), 0.0, 0.0, forecast.horizonMs()), at, decision);
        command.setAmount(minutes);
        return command;
    }

    public static AllocationCommand release(String workflowId, String actionId, Instant at, String madeBy, String why) {
        return command(AllocationAction.RELEASE, target(workflowId, actionId), workflowId, null, at, rule(madeBy, why));
    }

    public static AllocationCommand command(AllocationAction action, String target, String workflowId,
                                     ResourceUsage resources, Instant at, Decision decision) {
        return AllocationCommand.newBuilder()
                .setCommandId(id(action + "|" + target + "|" + at.toEpochMilli()))
                .setIssuedAt(at).setAction(action).setTargetKind(TargetKind.WORKFLOW_ACTION).setTarget(target)
                .setResources(resources).setCorrelationId(workflowId).setDecision(decision)
                .build();
    }

    public static Decision rule(String madeBy, String why) {
        return Decision.newBuilder().setMadeBy(madeBy).setVersion("1").setInputs(new HashMap<>())
                .setThresholds(new HashMap<>()).setExplanation(why).build();
    }

    /**
     * CRITICAL when the action used more cpu or memory than was reserved for it (it outgrew its
     * reservation), WARNING when the estimate was merely far off. The subject (and key) is the run, not the
     * action: on-call follows a run whose estimates go wrong as one incident, not one per action (the
     * action is in the id, the message and the evidence).
     */
    public static Alert deviation(String workflowId, String actionId, ActionPrediction prediction, Resources actual,
                           PredictionError error, double bound, Instant at) {
        String worst = error.getWorstResource();
        double expected = Resources.NAMED.get(worst).applyAsDouble(Resources.of(prediction.getExpected()));
        double observed = Resources.NAMED.get(worst).applyAsDouble(actual);
        ResourceUsage allocated = prediction.getAllocated();
        boolean outgrown = actual.cpuCores() > allocated.getCpuCores() || actual.memoryMb() > allocated.getMemoryMb();
        Map<String, Double> inputs = new HashMap<>();
        Resources.of(prediction.getExpected()).putInto(inputs, "expected.");
        actual.putInto(inputs, "actual.");
        inputs.put("relativeError." + worst, error.getWorst());
        String subject = target(workflowId, actionId);
        return Alert.newBuilder()
                .setAlertId(id(DEVIATION + "|" + subject))
                .setIssuedAt(at).setKind(DEVIATION)
                .setSeverity(outgrown ? AlertSeverity.CRITICAL : AlertSeverity.WARNING)
                .setSubject(workflowId)
                .setMessage(String.format(Locale.ROOT, "%s of action %s: expected %.2f, actual %.2f (%s by %+.0f%%)%s",
                        worst, subject, expected, observed, prediction.getMadeBy(), error.getWorst() * 100,
                        outgrown ? "; the action used more than was reserved" : ""))
                .setExpected(expected).setActual(observed)
                .setDecision(Decision.newBuilder().setMadeBy(SHADOW).setVersion("1").setInputs(inputs)
                        .setThresholds(Map.of("deviationBound", bound)).setConfidence(prediction.getConfidence())
                        .setExplanation("estimate by " + prediction.getMadeBy() + " " + prediction.getVersion()
                                + " was off by more than the bound in " + worst)
                        .build())
                .build();
    }

    static String id(String cause) {
        return UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
