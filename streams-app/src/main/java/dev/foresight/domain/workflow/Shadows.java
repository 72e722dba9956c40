package dev.foresight.domain.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import dev.foresight.schema.state.ActionPrediction;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowStatus;
import dev.foresight.schema.state.ShadowWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading and changing a shadow workflow. Mutates the Avro record in place; the caller stores it. */
public final class Shadows {

    /**
     * Finished actions a shadow keeps. Every event rewrites the whole shadow (store, changelog), so an
     * unbounded one would make a workflow of n actions cost O(n²) and, past a few thousand actions,
     * exceed the changelog's record size. 512 is twice the predictor's longest look-back.
     */
    public static final int MAX_FINISHED_ACTIONS = 512;

    private Shadows() {
    }

    public static ShadowWorkflow create(String workflowId, String workflowType, Instant at) {
        return ShadowWorkflow.newBuilder()
                .setWorkflowId(workflowId).setWorkflowType(workflowType).setStatus(ShadowStatus.RUNNING)
                .setCreatedAt(at).setUpdatedAt(at).setActions(new ArrayList<>())
                .build();
    }

    public static Optional<ShadowAction> action(ShadowWorkflow shadow, String actionId) {
        return shadow.getActions().stream().filter(a -> a.getActionId().equals(actionId)).findFirst();
    }

    /** The action with this id, added if the shadow has not seen it yet. */
    public static ShadowAction mirror(ShadowWorkflow shadow, String actionId, String actionType) {
        return action(shadow, actionId).orElseGet(() -> {
            ShadowAction added = ShadowAction.newBuilder().setActionId(actionId).setActionType(actionType).build();
            shadow.getActions().add(added);
            return added;
        });
    }

    /** Drops the oldest finished actions beyond {@link #MAX_FINISHED_ACTIONS}, counting them as archived. */
    public static void archiveOldest(ShadowWorkflow shadow) {
        List<ShadowAction> finished = shadow.getActions().stream().filter(a -> a.getEndedAt() != null).toList();
        int excess = finished.size() - MAX_FINISHED_ACTIONS;
        if (excess <= 0) {
            return;
        }
        Set<ShadowAction> oldest = Collections.newSetFromMap(new IdentityHashMap<>());
        finished.stream().sorted(Comparator.comparing(ShadowAction::getEndedAt)).limit(excess).forEach(oldest::add);
        // a new list: a deserialized Avro array does not support removal
        shadow.setActions(new ArrayList<>(shadow.getActions().stream().filter(a -> !oldest.contains(a)).toList()));
        shadow.setArchivedActions(shadow.getArchivedActions() + excess);
    }

    public static void touch(ShadowWorkflow shadow, Instant at) {
        if (at.isAfter(shadow.getUpdatedAt())) {
            shadow.setUpdatedAt(at);
        }
    }

    /**
     * What the workflow had completed when {@code action} started, in completion order: the history a
     * prediction for it was (or would have been) made from.
     */
    public static List<ActionObservation> historyBefore(ShadowWorkflow shadow, String actionId, Instant start) {
        return shadow.getActions().stream()
                .filter(a -> a.getActual() != null && a.getEndedAt() != null && !a.getActionId().equals(actionId))
                .filter(a -> !a.getEndedAt().isAfter(start))
                .sorted(Comparator.comparing(ShadowAction::getEndedAt))
                .map(a -> Resources.of(a.getActual()).observed(a.getActionType()))
                .toList();
    }

    /** The action sized last (its submit, or its start if it had none), if any was. */
    public static Optional<ShadowAction> lastSized(ShadowWorkflow shadow) {
        return shadow.getActions().stream().filter(a -> a.getPrediction() != null)
                .max(Comparator.comparing(a -> a.getPrediction().getMadeAt()));
    }

    /** Actions that were allocated capacity and have not completed: their reservations are still held. */
    public static List<ShadowAction> holdingReservations(ShadowWorkflow shadow) {
        return shadow.getActions().stream().filter(a -> a.getPrediction() != null && a.getEndedAt() == null).toList();
    }

    public static ActionPrediction prediction(AllocationPlan plan, String pool, Instant at) {
        return ActionPrediction.newBuilder()
                .setSource(plan.source()).setMadeBy(plan.madeBy()).setVersion(plan.version()).setMadeAt(at)
                .setConfidence(plan.confidence()).setExpected(plan.expected().toUsage())
                .setAllocated(plan.allocated().toUsage()).setPool(pool)
                .build();
    }

    /** Finished shadows are kept for {@code retention}; running ones are given up after {@code abandonAfter} of silence. */
    public static boolean isDue(ShadowWorkflow shadow, Instant now, Duration retention, Duration abandonAfter) {
        if (shadow.getStatus() == ShadowStatus.RUNNING) {
            return !shadow.getUpdatedAt().plus(abandonAfter).isAfter(now);
        }
        return !finishedAt(shadow).plus(retention).isAfter(now);
    }

    /** When a finished shadow finished: its completion, or its last event if it has none. */
    public static Instant finishedAt(ShadowWorkflow shadow) {
        return shadow.getCompletedAt() != null ? shadow.getCompletedAt() : shadow.getUpdatedAt();
    }
}
