package dev.foresight.producers.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.WorkflowCompleted;
import dev.foresight.schema.events.WorkflowCreated;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A WfFormat 1.5 instance (WfCommons) as one workflow run. The format has no start times, so they are
 * derived from the DAG as if resources were unlimited: tasks in topological order, each starting when
 * its last parent ends ({@code executedAt} for the roots; it is submitted then too) and running for its
 * recorded runtime. There
 * are no requests in the format; actual usage is {@code avgCPU} (100 = one core), memory, and bytes
 * read + written. A usage the instance does not record ({@code memoryInBytes}, {@code avgCPU}) is sent as
 * NaN, never as 0, so ingest dead-letters that completion with its reason instead of teaching a peak of 0.
 * The action type is the task name without the per-instance suffix Pegasus and Makeflow add
 * ({@code blastall_ID000002} is of type {@code blastall}).
 */
final class WfFormatReader implements TraceReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1024 * 1024;
    private static final Pattern INSTANCE_SUFFIX = Pattern.compile("_ID\\d+$");
    static final long DEFAULT_START_MS = LocalDateTime.of(2020, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    /** A task of the specification, with its recorded execution. */
    private record Task(String id, String name, List<String> parents, JsonNode execution) {
    }

    @Override
    public List<TimedEvent<?>> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode workflow = root.path("workflow");
        if (!workflow.path("specification").path("tasks").isArray()) {
            throw new IllegalArgumentException(file + ": not WfFormat 1.5, workflow.specification.tasks is missing");
        }
        String workflowId = CsvFiles.stem(file);
        String workflowType = root.path("name").asText(workflowId);
        Map<String, Task> tasks = tasks(workflow);
        long startMs = workflow.path("execution").has("executedAt")
                ? Timestamps.parseMillis(workflow.path("execution").path("executedAt").asText())
                : DEFAULT_START_MS;
        EventNumbers numbers = new EventNumbers(workflowId);
        List<TimedEvent<?>> events = new ArrayList<>();
        events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, startMs, new WorkflowCreated(tasks.size())));
        Map<String, Long> endMs = new HashMap<>();
        for (Task task : topologicalOrder(tasks)) {
            long taskStart = task.parents().stream().filter(endMs::containsKey).mapToLong(endMs::get).max().orElse(startMs);
            long durationMs = Math.round(task.execution().path("runtimeInSeconds").asDouble(0) * 1000);
            endMs.put(task.id(), taskStart + durationMs);
            events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, taskStart,
                    new ActionSubmitted(task.id(), task.name(), null)));
            events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, taskStart,
                    new ActionStarted(task.id(), task.name(), null)));
            events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, taskStart + durationMs,
                    new ActionCompleted(task.id(), task.name(), true, actual(task.execution(), durationMs))));
        }
        long workflowEnd = endMs.values().stream().mapToLong(Long::longValue).max().orElse(startMs);
        events.add(ReplayEvents.workflow(numbers.next(), workflowId, workflowType, workflowEnd, new WorkflowCompleted(true)));
        return events;
    }

    private static Map<String, Task> tasks(JsonNode workflow) {
        Map<String, JsonNode> executionById = new HashMap<>();
        workflow.path("execution").path("tasks").forEach(execution -> executionById.put(execution.path("id").asText(), execution));
        Map<String, Task> tasks = new LinkedHashMap<>();
        for (JsonNode spec : workflow.path("specification").path("tasks")) {
            String id = spec.path("id").asText();
            List<String> parents = new ArrayList<>();
            spec.path("parents").forEach(parent -> parents.add(parent.asText()));
            tasks.put(id, new Task(id, actionType(spec.path("name").asText(id)), parents,
                    executionById.getOrDefault(id, JSON.createObjectNode())));
        }
        return tasks;
    }

    /** Kahn's algorithm; ties keep file order so the replay is stable. Parents not in the file are ignored. */
    private static List<Task> topologicalOrder(Map<String, Task> tasks) {
        Map<String, Integer> waitingOn = new HashMap<>();
        Map<String, List<Task>> children = new HashMap<>();
        Deque<Task> ready = new ArrayDeque<>();
        for (Task task : tasks.values()) {
            List<String> parents = task.parents().stream().filter(tasks::containsKey).toList();
            parents.forEach(parent -> children.computeIfAbsent(parent, id -> new ArrayList<>()).add(task));
            waitingOn.put(task.id(), parents.size());
            if (parents.isEmpty()) {
                ready.add(task);
            }
        }
        List<Task> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            Task task = ready.poll();
            order.add(task);
            for (Task child : children.getOrDefault(task.id(), List.of())) {
                if (waitingOn.merge(child.id(), -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (order.size() != tasks.size()) {
            throw new IllegalArgumentException("the task graph has a cycle");
        }
        return order;
    }

    static String actionType(String taskName) {
        return INSTANCE_SUFFIX.matcher(taskName).replaceFirst("");
    }

    private static ResourceUsage actual(JsonNode execution, long durationMs) {
        double networkBytes = execution.path("readBytes").asDouble(0) + execution.path("writtenBytes").asDouble(0);
        return new ResourceUsage(recorded(execution, "avgCPU") / 100, recorded(execution, "memoryInBytes") / MIB,
                networkBytes / MIB, 0.0, durationMs);
    }

    private static double recorded(JsonNode execution, String field) {
        JsonNode value = execution.path(field);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }
}
