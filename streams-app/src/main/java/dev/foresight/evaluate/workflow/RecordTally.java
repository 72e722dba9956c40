package dev.foresight.evaluate.workflow;

import java.util.Map;
import java.util.TreeMap;

/** Counts, by reason, the records a reader left out or the fields it found missing. */
final class RecordTally {

    private final Map<String, Integer> excluded = new TreeMap<>();
    private final Map<String, Integer> missing = new TreeMap<>();

    void exclude(String reason) {
        excluded.merge(reason, 1, Integer::sum);
    }

    void missing(String field) {
        missing.merge(field, 1, Integer::sum);
    }

    /** A run that is its own workflow type. */
    WorkflowRun run(String name, String source, java.util.List<TraceTask> tasks) {
        return run(name, name, source, tasks);
    }

    WorkflowRun run(String name, String workflowType, String source, java.util.List<TraceTask> tasks) {
        return new WorkflowRun(name, workflowType, source, tasks, excluded, missing);
    }
}
