package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.SelectorSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scores every method on every run, the online selection with a setting chosen by leave-one-run-out: for
 * each run, the setting whose wastage relative to the best baseline was lowest on all the <em>other</em>
 * runs (the median within each kind of record, averaged over the kinds, so a kind with many runs does not
 * outvote the others). Runs of one workflow type are replayed after the type's other runs, whose record the
 * selection keeps ({@link Scoring#selected}); so that the held-out run cannot reach its setting through them,
 * the setting is chosen on the runs of the <em>other</em> workflow types only. A setting is never chosen by
 * looking at the run it is scored on. With nothing else to choose on, the first setting of the grid is used.
 */
final class LeaveOneRunOut {

    private LeaveOneRunOut() {
    }

    static List<MethodResult> score(List<ProposalTable> tables, List<SelectorSettings> grid) {
        List<List<MethodResult>> fixed = tables.stream()
                .map(table -> table.sources().stream().map(source -> Scoring.fixed(table, source)).toList())
                .toList();
        double[] best = fixed.stream().mapToDouble(results -> bestBaseline(results).wastageGibHours()).toArray();
        List<List<MethodResult>> selected = tables.stream()
                .map(table -> grid.stream().map(setting -> Scoring.selected(table, setting, others(table, tables)))
                        .toList()).toList();
        List<MethodResult> results = new ArrayList<>();
        for (int run = 0; run < tables.size(); run++) {
            results.addAll(fixed.get(run));
            results.add(selected.get(run).get(choose(run, tables, selected, best, grid.size())));
        }
        return results;
    }

    /** The other runs of the table's workflow type, in the order given. */
    static List<ProposalTable> others(ProposalTable table, List<ProposalTable> tables) {
        return tables.stream().filter(other -> other != table && sameType(other, table)).toList();
    }

    private static boolean sameType(ProposalTable a, ProposalTable b) {
        return a.run().workflowType().equals(b.run().workflowType());
    }

    static MethodResult bestBaseline(List<MethodResult> results) {
        return results.stream().filter(r -> HistorySizers.BASELINES.contains(r.method()))
                .min(Comparator.comparingDouble(MethodResult::wastageGibHours)).orElseThrow();
    }

    private static int choose(int heldOut, List<ProposalTable> tables, List<List<MethodResult>> selected,
                              double[] best, int settings) {
        int chosen = 0;
        double chosenScore = Double.POSITIVE_INFINITY;
        for (int setting = 0; setting < settings; setting++) {
            Map<String, List<Double>> ratiosByKind = new LinkedHashMap<>();
            for (int run = 0; run < tables.size(); run++) {
                if (!sameType(tables.get(run), tables.get(heldOut))) {
                    ratiosByKind.computeIfAbsent(tables.get(run).run().source(), kind -> new ArrayList<>())
                            .add(ratio(selected.get(run).get(setting).wastageGibHours(), best[run]));
                }
            }
            double score = ratiosByKind.values().stream().mapToDouble(LeaveOneRunOut::median).average()
                    .orElse(Double.POSITIVE_INFINITY);
            if (score < chosenScore) {
                chosenScore = score;
                chosen = setting;
            }
        }
        return chosen;
    }

    /** Wastage relative to the best baseline; a run where the best baseline wasted nothing counts as a tie or worse. */
    static double ratio(double wastage, double bestBaseline) {
        return bestBaseline > 0 ? wastage / bestBaseline : (wastage > 0 ? 2 : 1);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static <T> Map<String, List<T>> byRun(List<T> results, java.util.function.Function<T, String> run) {
        return results.stream().collect(Collectors.groupingBy(run, LinkedHashMap::new, Collectors.toList()));
    }
}
