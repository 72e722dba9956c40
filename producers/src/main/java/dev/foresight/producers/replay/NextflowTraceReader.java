package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.WorkflowCompleted;
import dev.foresight.schema.events.WorkflowCreated;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A Nextflow trace (CSV with the trace.txt columns) as one workflow run: {@code trace_rnaseq.csv} is
 * workflow {@code trace_rnaseq} of type {@code rnaseq}. Tasks are taken in {@code submit} order; each is
 * submitted at {@code submit} and starts at {@code start}, both with what it requested, and completes at
 * {@code complete} with what it used.
 * Rows without a submit or start time never ran and are skipped; a task without a complete time gets
 * no completion; a missing measurement is sent as 0. The run succeeded if every failed task was later
 * retried successfully.
 */
final class NextflowTraceReader implements TraceReader {

    private static final double MIB = 1024 * 1024;

    @Override
    public List<TimedEvent<?>> read(Path file) throws IOException {
        String workflowId = CsvFiles.stem(file);
        String workflowType = workflowId.startsWith("trace_") ? workflowId.substring("trace_".length()) : workflowId;
        List<CsvRow> tasks = CsvFiles.read(file).stream()
                .filter(row -> row.has("submit") && row.has("start"))
                .sorted(Comparator.comparingDouble(row -> row.requiredNumber("submit")))
                .toList();
        EventNumbers numbers = new EventNumbers(workflowId);
        List<TimedEvent<?>> events = new ArrayList<>();
        if (tasks.isEmpty()) {
            return events;
        }
        long createdMs = (long) tasks.get(0).requiredNumber("submit");
        events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, createdMs, new WorkflowCreated(tasks.size())));
        Set<String> failedTasks = new HashSet<>();
        Set<String> succeededTasks = new HashSet<>();
        long endMs = createdMs;
        for (CsvRow task : tasks) {
            String actionId = task.has("task_id") ? task.requiredText("task_id") : task.requiredText("hash");
            String actionType = task.requiredText("process");
            long submitMs = (long) task.requiredNumber("submit");
            long startMs = Math.max(submitMs, (long) task.requiredNumber("start"));
            events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, submitMs,
                    new ActionSubmitted(actionId, actionType, requested(task))));
            events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, startMs,
                    new ActionStarted(actionId, actionType, requested(task))));
            if (task.has("complete")) {
                long completeMs = Math.max(startMs, (long) task.requiredNumber("complete"));
                boolean succeeded = succeeded(task);
                String name = task.has("name") ? task.requiredText("name") : actionType;
                (succeeded ? succeededTasks : failedTasks).add(name);
                events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, completeMs,
                        new ActionCompleted(actionId, actionType, succeeded, actual(task, completeMs - startMs))));
                endMs = Math.max(endMs, completeMs);
            }
        }
        boolean runSucceeded = succeededTasks.containsAll(failedTasks);
        events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, endMs, new WorkflowCompleted(runSucceeded)));
        return events;
    }

    private static boolean succeeded(CsvRow task) {
        String status = task.text("status");
        boolean completed = status == null || status.equals("COMPLETED") || status.equals("CACHED");
        return completed && task.number("exit").orElse(0) == 0;
    }

    /** Requested cores and memory (bytes → MiB) and the time limit; null if the trace has neither request. */
    private static ResourceUsage requested(CsvRow task) {
        OptionalDouble cpus = task.number("cpus");
        OptionalDouble memory = task.number("memory");
        if (cpus.isEmpty() && memory.isEmpty()) {
            return null;
        }
        return new ResourceUsage(cpus.orElse(0), memory.orElse(0) / MIB, 0.0, 0.0, (long) task.number("time").orElse(0));
    }

    /** Cores from %cpu (100 = one core), peak RSS and bytes read + written in MiB, run time. */
    private static ResourceUsage actual(CsvRow task, long elapsedMs) {
        double networkBytes = task.number("rchar").orElse(0) + task.number("wchar").orElse(0);
        long durationMs = (long) task.number("realtime").orElse(elapsedMs);
        return new ResourceUsage(task.number("%cpu").orElse(0) / 100, task.number("peak_rss").orElse(0) / MIB,
                networkBytes / MIB, 0.0, durationMs);
    }
}
