package dev.foresight.evaluate.workflow;

import java.util.List;

/**
 * The tasks of one recorded workflow run, in any order: the replay orders them by time.
 *
 * @param source the kind of record it was read from: runs of different kinds are compared apart
 */
public record WorkflowRun(String name, String source, List<TraceTask> tasks) {
}
