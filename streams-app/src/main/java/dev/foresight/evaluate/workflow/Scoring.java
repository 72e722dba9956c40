package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.RetryCost;
import dev.foresight.domain.workflow.SelectorSettings;
import dev.foresight.domain.workflow.SizingChoice;
import dev.foresight.domain.workflow.SizingSourceSelector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Scores allocations on a {@link ProposalTable}: one method alone, or the online selection among all of them. */
final class Scoring {

    static final String SELECTED = "earned-selection";

    private static final double MIB_MS_PER_GIB_HOUR = 1024.0 * 3_600_000.0;

    private Scoring() {
    }

    static MethodResult fixed(ProposalTable table, String method) {
        int column = table.column(method);
        Tally tally = new Tally(table);
        for (int event : table.events()) {
            if (event >= 0) {
                tally.allocate(event, table.proposals()[event][column]);
            }
        }
        return tally.result(method, Map.of(), Map.of(), "");
    }

    /**
     * Replays the selection: at each submit the {@link SizingSourceSelector} picks a source from what it has
     * learned, at each completion every source is charged for its proposal. The selector has first learned
     * from {@code earlier}, other runs of the same workflow type, as the topology's selector has learned from
     * the runs of a workflow type before the current one; their allocations are not scored.
     */
    static MethodResult selected(ProposalTable table, SelectorSettings settings, List<ProposalTable> earlier) {
        SizingSourceSelector selector = new SizingSourceSelector(table.sources(), settings);
        for (ProposalTable other : earlier) {
            replay(other, selector, new Tally(other));
        }
        Tally tally = new Tally(table);
        replay(table, selector, tally);
        return tally.result(SELECTED, tally.decisions, tally.decided, settings.toString());
    }

    private static void replay(ProposalTable table, SizingSourceSelector selector, Tally tally) {
        String workflowType = table.run().workflowType();
        for (int event : table.events()) {
            if (event < 0) {
                int task = -1 - event;
                TraceTask done = table.tasks().get(task);
                selector.learn(workflowType, done.process(), table.warm()[task], table.proposals()[task],
                        done.peakMb(), done.realtimeMs());
                continue;
            }
            SizingChoice choice = selector.choose(workflowType, table.tasks().get(event).process(), table.warm()[event],
                    table.proposals()[event]);
            double wasted = tally.allocate(event, choice.allocationMb());
            tally.decisions.merge(choice.source(), 1L, Long::sum);
            tally.decided.merge(choice.source(), wasted / MIB_MS_PER_GIB_HOUR, Double::sum);
        }
    }

    /** Sums what the allocations cost. */
    private static final class Tally {

        private final ProposalTable table;
        private final Map<String, Long> decisions = new TreeMap<>();
        private final Map<String, Double> decided = new TreeMap<>();
        private double wastage;
        private double coldStart;
        private double absoluteError;
        private int failures;

        Tally(ProposalTable table) {
            this.table = table;
        }

        /** @return the task's wastage, MiB x ms */
        double allocate(int task, double allocationMb) {
            TraceTask sized = table.tasks().get(task);
            double allocated = Math.max(RetryCost.MIN_ALLOCATION_MB, allocationMb);
            RetryCost cost = RetryCost.of(allocated, sized.peakMb(), sized.realtimeMs());
            wastage += cost.wastedMbMs();
            coldStart += table.warm()[task] ? 0 : cost.wastedMbMs();
            failures += cost.failures();
            absoluteError += Math.abs(allocated - sized.peakMb());
            return cost.wastedMbMs();
        }

        MethodResult result(String method, Map<String, Long> decisions, Map<String, Double> decided, String setting) {
            int tasks = table.tasks().size();
            return new MethodResult(table.run().name(), table.run().source(), method, tasks,
                    wastage / MIB_MS_PER_GIB_HOUR, coldStart / MIB_MS_PER_GIB_HOUR, failures,
                    tasks == 0 ? 0 : absoluteError / tasks / 1024, decisions, decided, setting);
        }
    }
}
