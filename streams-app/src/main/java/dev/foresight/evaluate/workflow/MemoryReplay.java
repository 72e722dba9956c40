package dev.foresight.evaluate.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Replays one run in event-time order: each task is sized when it starts, from the tasks completed
 * before (a completion at the same millisecond counts as before), and its actual use is learned when it
 * completes. A task sized below its peak fails and is retried with double the memory until it fits;
 * the failed attempt is assumed to run its whole runtime, so its whole allocation is wasted.
 */
final class MemoryReplay {

    private static final double MB_MS_PER_GB_HOUR = 1024.0 * 3_600_000.0;
    /** A sizer answering zero would double forever; nothing runs in less than this. */
    private static final double MIN_ALLOCATION_MB = 1;

    private MemoryReplay() {
    }

    /** Same-millisecond order: completions, then starts, then completions of tasks that started that millisecond. */
    private record Event(long at, int order, int task) {

        boolean completion() {
            return order != 1;
        }
    }

    static MethodResult replay(WorkflowRun run, MemorySizer sizer) {
        List<TraceTask> tasks = run.tasks();
        List<ActionObservation> completed = new ArrayList<>(tasks.size());
        int[] historyAtStart = new int[tasks.size()];
        Set<String> completedTypes = new HashSet<>();
        double wastage = 0;
        double coldStart = 0;
        double absoluteError = 0;
        int underAllocations = 0;
        for (Event event : events(tasks)) {
            TraceTask task = tasks.get(event.task());
            if (event.completion()) {
                sizer.learn(task, Collections.unmodifiableList(completed.subList(0, historyAtStart[event.task()])));
                completed.add(task.observation());
                completedTypes.add(task.process());
                continue;
            }
            historyAtStart[event.task()] = completed.size();
            double allocated = Math.max(MIN_ALLOCATION_MB,
                    sizer.allocateMb(task, Collections.unmodifiableList(completed)));
            absoluteError += Math.abs(allocated - task.peakMb());
            double taskWastage = 0;
            while (allocated < task.peakMb()) {
                taskWastage += allocated * task.realtimeMs();
                underAllocations++;
                allocated *= 2;
            }
            taskWastage += (allocated - task.peakMb()) * task.realtimeMs();
            wastage += taskWastage;
            coldStart += completedTypes.contains(task.process()) ? 0 : taskWastage;
        }
        return new MethodResult(run.name(), run.source(), sizer.name(), tasks.size(), wastage / MB_MS_PER_GB_HOUR,
                coldStart / MB_MS_PER_GB_HOUR, underAllocations, absoluteError / tasks.size() / 1024, sizer.decisions());
    }

    private static List<Event> events(List<TraceTask> tasks) {
        List<Event> events = new ArrayList<>(2 * tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            TraceTask task = tasks.get(i);
            events.add(new Event(task.startMs(), 1, i));
            events.add(task.completeMs() > task.startMs()
                    ? new Event(task.completeMs(), 0, i)
                    : new Event(task.startMs(), 2, i));
        }
        events.sort(Comparator.comparingLong(Event::at).thenComparingInt(Event::order).thenComparingInt(Event::task));
        return events;
    }
}
