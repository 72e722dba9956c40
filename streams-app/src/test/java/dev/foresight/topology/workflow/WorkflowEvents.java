package dev.foresight.topology.workflow;

import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.WorkflowCompleted;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import java.time.Instant;

/** Workflow event builders for tests. Event ids derive from the content, so they are stable. */
final class WorkflowEvents {

    static final String TYPE = "etl";

    private WorkflowEvents() {
    }

    static WorkflowEvent created(String workflowId, Instant at) {
        return event(workflowId, at, new WorkflowCreated(3), "created");
    }

    static WorkflowEvent started(String workflowId, String actionId, String actionType, Instant at) {
        return event(workflowId, at, new ActionStarted(actionId, actionType, null), "started-" + actionId);
    }

    static WorkflowEvent startedRequesting(String workflowId, String actionId, String actionType, Instant at,
                                           double cpuCores, double memoryMb) {
        return event(workflowId, at, new ActionStarted(actionId, actionType, usage(cpuCores, memoryMb)),
                "started-" + actionId);
    }

    static WorkflowEvent submitted(String workflowId, String actionId, String actionType, Instant at) {
        return event(workflowId, at, new ActionSubmitted(actionId, actionType, null), "submitted-" + actionId);
    }

    static WorkflowEvent submittedRequesting(String workflowId, String actionId, String actionType, Instant at,
                                             double cpuCores, double memoryMb) {
        return event(workflowId, at, new ActionSubmitted(actionId, actionType, usage(cpuCores, memoryMb)),
                "submitted-" + actionId);
    }

    static WorkflowEvent completed(String workflowId, String actionId, String actionType, Instant at,
                                   double cpuCores, double memoryMb) {
        return event(workflowId, at, new ActionCompleted(actionId, actionType, true, usage(cpuCores, memoryMb)),
                "completed-" + actionId);
    }

    static WorkflowEvent finished(String workflowId, Instant at) {
        return event(workflowId, at, new WorkflowCompleted(true), "finished");
    }

    static ResourceUsage usage(double cpuCores, double memoryMb) {
        return new ResourceUsage(cpuCores, memoryMb, 10.0, 0.01, 60_000L);
    }

    private static WorkflowEvent event(String workflowId, Instant at, Object payload, String what) {
        return WorkflowEvent.newBuilder()
                .setEventId(workflowId + "-" + what).setWorkflowId(workflowId).setWorkflowType(TYPE)
                .setTimestamp(at).setPayload(payload)
                .build();
    }
}
