package dev.foresight.domain.workflow;

import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.InterventionRequest;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.state.ManualIntervention;
import dev.foresight.schema.state.PredictionSource;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds manual-intervention requests and turns an operator's answer into the reservation or its refusal. */
public final class Interventions {

    /** {@code madeBy} of what an operator decided. */
    public static final String OPERATOR = "manual-intervention";
    public static final String APPROVED = "APPROVED";
    public static final String DENIED = "DENIED";
    public static final String TIMED_OUT = "TIMED_OUT";
    /** The action completed, or its workflow ended, before anyone answered. */
    public static final String WITHDRAWN = "WITHDRAWN";

    private Interventions() {
    }

    /** @param deadline wall clock: when the rules decide if nobody has */
    public static InterventionRequest request(ShadowWorkflow shadow, ShadowAction action, AllocationPlan plan,
                                              String pool, String reason, Map<String, String> evidence, Instant at,
                                              Instant deadline) {
        String target = WorkflowCommands.target(shadow.getWorkflowId(), action.getActionId());
        Decision decision = Decision.newBuilder()
                .setMadeBy(plan.madeBy()).setVersion(plan.version()).setInputs(new HashMap<>(plan.inputs()))
                .setThresholds(plan.thresholds()).setConfidence(plan.confidence()).setExplanation(plan.explanation())
                .setEvidence(evidence).build();
        return InterventionRequest.newBuilder()
                .setRequestId(WorkflowCommands.id("intervention|" + target + "|" + at.toEpochMilli()))
                .setIssuedAt(at).setWorkflowId(shadow.getWorkflowId()).setWorkflowType(shadow.getWorkflowType())
                .setActionId(action.getActionId()).setActionType(action.getActionType()).setPool(pool)
                .setReason(reason).setProposed(plan.allocated().toUsage()).setRequested(action.getRequested())
                .setDeadline(deadline).setDecision(decision)
                .build();
    }

    /** What the shadow records while the action waits. */
    public static ManualIntervention pending(InterventionRequest request) {
        return ManualIntervention.newBuilder().setRequestedAt(request.getIssuedAt()).setDeadline(request.getDeadline())
                .setReason(request.getReason()).build();
    }

    public static void decided(ShadowAction action, String outcome, String by, Instant at) {
        if (action.getIntervention() != null) {
            action.getIntervention().setOutcome(outcome);
            action.getIntervention().setDecidedBy(by);
            action.getIntervention().setDecidedAt(at);
        }
    }

    /** The reservation an operator approved: what they gave, else the proposal. */
    public static AllocationPlan approved(InterventionRequest request, Optional<Resources> given, String operator,
                                          String why) {
        Resources reserved = given.orElse(Resources.of(request.getProposed()));
        Map<String, Double> inputs = new HashMap<>(request.getDecision().getInputs());
        Resources.of(request.getProposed()).putInto(inputs, "proposed.");
        return new AllocationPlan(PredictionSource.FALLBACK, OPERATOR, "1", request.getDecision().getConfidence(),
                reserved, reserved, inputs, request.getDecision().getThresholds(),
                "approved by " + operator + (given.isPresent() ? " with their own resources" : " as proposed")
                        + (why == null ? "" : " (" + why + ")") + "; asked because " + request.getReason());
    }

    /** The rules' plan once nobody answered in time, saying so. */
    public static AllocationPlan unanswered(AllocationPlan plan, Duration timeout) {
        return new AllocationPlan(plan.source(), plan.madeBy(), plan.version(), plan.confidence(), plan.expected(),
                plan.allocated(), plan.inputs(), plan.thresholds(),
                "no operator answered within " + timeout + "; " + plan.explanation());
    }

    /** Answers the executor that nothing is reserved: it allocates the action its usual way, or not at all. */
    public static AllocationCommand denied(InterventionRequest request, String operator, String why, Instant at) {
        Decision decision = WorkflowCommands.rule(OPERATOR, "denied by " + operator
                + (why == null ? "" : " (" + why + ")") + "; asked because " + request.getReason());
        decision.setEvidence(evidence(request, DENIED, operator));
        return WorkflowCommands.command(AllocationAction.REJECT,
                WorkflowCommands.target(request.getWorkflowId(), request.getActionId()), request.getWorkflowId(),
                request.getProposed(), at, decision);
    }

    /**
     * The state an operator's answer was given on, for {@code explain}: the shadow the request showed, and the
     * request itself (its id finds it on {@code workflow.interventions.v1}), the answer and who gave it.
     */
    public static Map<String, String> evidence(InterventionRequest request, String outcome, String operator) {
        Map<String, String> evidence = new TreeMap<>(request.getDecision().getEvidence());
        evidence.put("intervention.request", request.getRequestId());
        evidence.put("intervention.reason", request.getReason());
        evidence.put("intervention.outcome", outcome + " by " + operator);
        evidence.put("intervention.proposedBy", request.getDecision().getMadeBy());
        return evidence;
    }
}
