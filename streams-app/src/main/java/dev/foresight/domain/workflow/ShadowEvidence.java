package dev.foresight.domain.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowWorkflow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The shadow an action was sized from, as the {@code evidence} of its reservation: what {@code explain} shows. */
public final class ShadowEvidence {

    /** The most recent completed actions named; a long run's whole history would not help a reader. */
    private static final int LISTED = 5;

    private ShadowEvidence() {
    }

    /** @param history what the workflow had completed when the action was sized, oldest first */
    public static Map<String, String> of(ShadowWorkflow shadow, ShadowAction action, List<ActionObservation> history) {
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("shadow.workflow", shadow.getWorkflowId() + " (" + shadow.getWorkflowType() + ")");
        evidence.put("shadow.status", shadow.getStatus().name());
        evidence.put("shadow.actions", shadow.getActions().size() + " known, " + history.size()
                + " completed before this one, " + shadow.getArchivedActions() + " archived");
        evidence.put("action", action.getActionId() + " (" + action.getActionType() + ")");
        if (action.getRequested() != null) {
            evidence.put("action.requested", Resources.of(action.getRequested()).toString());
        }
        if (!history.isEmpty()) {
            evidence.put("shadow.lastCompleted", history.subList(Math.max(0, history.size() - LISTED), history.size())
                    .stream().map(a -> String.format(Locale.ROOT, "%s %.0f MiB", a.actionType(), a.memoryMb()))
                    .collect(Collectors.joining(", ")));
        }
        return evidence;
    }
}
