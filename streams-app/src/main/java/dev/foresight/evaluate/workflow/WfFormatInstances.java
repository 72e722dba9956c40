package dev.foresight.evaluate.workflow;

import dev.foresight.producers.TimedEvent;
import dev.foresight.producers.replay.Replayers;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.WorkflowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a WfFormat instance (WfCommons) into a {@link WorkflowRun} through the same replayer that sends it
 * to Kafka: the format has no start times, so a task starts when its last parent ends. The format records
 * no requests either, so every task asks for the platform default.
 */
public final class WfFormatInstances {

    static final String SOURCE = "WfFormat instance";

    private WfFormatInstances() {
    }

    public static WorkflowRun read(Path instance) throws IOException {
        Map<String, TimedEvent<?>> starts = new HashMap<>();
        List<TraceTask> tasks = new ArrayList<>();
        for (TimedEvent<?> event : Replayers.forFormat("wfformat").events(instance)) {
            if (!(event.value() instanceof WorkflowEvent workflowEvent)) {
                continue;
            }
            if (workflowEvent.getPayload() instanceof ActionStarted started) {
                starts.put(started.getActionId(), event);
            } else if (workflowEvent.getPayload() instanceof ActionCompleted completed) {
                tasks.add(task(starts.get(completed.getActionId()).timestampMs(), event.timestampMs(), completed));
            }
        }
        tasks.sort(Comparator.comparingLong(TraceTask::startMs));
        String name = instance.getFileName().toString().replaceFirst("\\.json$", "");
        return new WorkflowRun(name, SOURCE, tasks);
    }

    private static TraceTask task(long startMs, long completeMs, ActionCompleted completed) {
        ResourceUsage used = completed.getActual();
        return new TraceTask(completed.getActionType(), Double.NaN, used.getMemoryMb(), used.getCpuCores(),
                used.getDurationMs(), used.getNetworkMb(), startMs, completeMs);
    }
}
