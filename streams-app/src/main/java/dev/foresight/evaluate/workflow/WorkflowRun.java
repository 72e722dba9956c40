package dev.foresight.evaluate.workflow;

import java.util.List;
import java.util.Map;

/**
 * The scorable tasks of one recorded workflow run, in any order: the replay orders them by time.
 *
 * @param workflowType what ran: runs of one workflow type (a pipeline run on several machines) share what the
 *                 selection has learned, as the shadowing topology's records outlive a run
 * @param source   the kind of record it was read from: runs of different kinds are summarised apart
 * @param excluded records left out, by reason (a non-COMPLETED status, no peak, a runtime of 0, ...)
 * @param missing  fields a kept task did not record, by field, so a report shows what was not known
 */
public record WorkflowRun(String name, String workflowType, String source, List<TraceTask> tasks, Map<String, Integer> excluded,
                          Map<String, Integer> missing) {

    public WorkflowRun {
        tasks = List.copyOf(tasks);
        excluded = Map.copyOf(excluded);
        missing = Map.copyOf(missing);
    }

    /** A run that is its own workflow type. */
    public WorkflowRun(String name, String source, List<TraceTask> tasks, Map<String, Integer> excluded,
                       Map<String, Integer> missing) {
        this(name, name, source, tasks, excluded, missing);
    }

    int excludedCount() {
        return excluded.values().stream().mapToInt(Integer::intValue).sum();
    }
}
