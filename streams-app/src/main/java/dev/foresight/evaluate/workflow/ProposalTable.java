package dev.foresight.evaluate.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every method's proposal for every task of one run, made once: the run is replayed in event-time order,
 * each task is sized when it is <em>submitted</em>, from the tasks completed by then (a completion at the
 * same millisecond counts as before), and every method learns its actual peak when it completes. Methods
 * learn from peaks only, never from what another method allocated, so the proposals do not depend on which
 * method decides: the baselines and every setting of the online selection are scored on the same table.
 *
 * @param sources   the proposing methods, one column each
 * @param tasks     the run's tasks, in submit order
 * @param proposals [task][source] memory proposed at submit, MiB
 * @param warm      [task]: whether a task of its type had completed when it was submitted
 * @param events    the replay's order: {@code i} submits task {@code i}, {@code -1 - i} completes it
 */
record ProposalTable(WorkflowRun run, List<String> sources, List<TraceTask> tasks, double[][] proposals,
                     boolean[] warm, int[] events) {

    /** Same-millisecond order: completions, then submits, then completions of tasks submitted that millisecond. */
    private record Event(long at, int order, int task) {
    }

    static ProposalTable propose(WorkflowRun run, List<MemorySizer> sizers) {
        List<TraceTask> tasks = run.tasks().stream().sorted(Comparator.comparingLong(TraceTask::submitMs)).toList();
        List<String> sources = sizers.stream().flatMap(sizer -> sizer.names().stream()).toList();
        double[][] proposals = new double[tasks.size()][];
        boolean[] warm = new boolean[tasks.size()];
        int[] events = order(tasks);
        List<ActionObservation> completed = new ArrayList<>(tasks.size());
        int[] historyAtSubmit = new int[tasks.size()];
        Set<String> completedTypes = new HashSet<>();
        for (int event : events) {
            if (event < 0) {
                int task = -1 - event;
                List<ActionObservation> seen = Collections.unmodifiableList(completed.subList(0, historyAtSubmit[task]));
                sizers.forEach(sizer -> sizer.learn(tasks.get(task), seen));
                completed.add(tasks.get(task).observation());
                completedTypes.add(tasks.get(task).process());
                continue;
            }
            historyAtSubmit[event] = completed.size();
            warm[event] = completedTypes.contains(tasks.get(event).process());
            List<ActionObservation> seen = Collections.unmodifiableList(completed);
            proposals[event] = sizers.stream().flatMapToDouble(
                    sizer -> java.util.Arrays.stream(sizer.proposeMb(tasks.get(event), seen))).toArray();
        }
        return new ProposalTable(run, sources, tasks, proposals, warm, events);
    }

    int column(String source) {
        int column = sources.indexOf(source);
        if (column < 0) {
            throw new IllegalArgumentException("no method " + source + " in " + sources);
        }
        return column;
    }

    private static int[] order(List<TraceTask> tasks) {
        List<Event> events = new ArrayList<>(2 * tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            TraceTask task = tasks.get(i);
            events.add(new Event(task.submitMs(), 1, i));
            events.add(task.completeMs() > task.submitMs()
                    ? new Event(task.completeMs(), 0, i)
                    : new Event(task.submitMs(), 2, i));
        }
        events.sort(Comparator.comparingLong(Event::at).thenComparingInt(Event::order).thenComparingInt(Event::task));
        return events.stream().mapToInt(event -> event.order() == 1 ? event.task() : -1 - event.task()).toArray();
    }
}
