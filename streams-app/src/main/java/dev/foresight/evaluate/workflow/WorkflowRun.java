package dev.foresight.evaluate.workflow;

import java.util.List;

/** The tasks of one recorded workflow run, in submission order. */
public record WorkflowRun(String name, List<TraceTask> tasks) {
}
