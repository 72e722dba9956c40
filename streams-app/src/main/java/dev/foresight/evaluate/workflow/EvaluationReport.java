package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.predict.workflow.LstmSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders evaluation results as Markdown (every run against its best baseline, medians) and as CSV. */
final class EvaluationReport {

    /** The goal of the sizing: at most this share of the best baseline's wastage on the median run. */
    static final double GOAL = 0.75;

    private final Map<String, List<MethodResult>> byRun;
    private final List<WorkflowRun> runs;
    private final List<DemandForecastEvaluation.Result> forecasts;

    EvaluationReport(List<MethodResult> results, List<ProposalTable> tables,
                     List<DemandForecastEvaluation.Result> forecasts) {
        this.byRun = LeaveOneRunOut.byRun(results, MethodResult::workflow);
        this.runs = tables.stream().map(ProposalTable::run).toList();
        this.forecasts = forecasts;
    }

    /** One run: the selection, the LSTM alone and the rules, against the baseline that wasted least. */
    record Comparison(String run, String kind, MethodResult selected, MethodResult lstm, MethodResult rules,
                      MethodResult best) {

        double ratio(MethodResult ours) {
            return LeaveOneRunOut.ratio(ours.wastageGibHours(), best.wastageGibHours());
        }
    }

    List<Comparison> comparisons() {
        List<Comparison> comparisons = new ArrayList<>();
        byRun.forEach((run, results) -> comparisons.add(new Comparison(run, results.get(0).source(),
                method(results, Scoring.SELECTED), method(results, LstmSizers.LSTM), method(results, LstmSizers.RULES),
                LeaveOneRunOut.bestBaseline(results))));
        return comparisons;
    }

    private static MethodResult method(List<MethodResult> results, String name) {
        return results.stream().filter(r -> r.method().equals(name)).findFirst().orElseThrow();
    }

    String markdown(LstmSettings settings, AllocationPolicy policy) {
        StringBuilder md = new StringBuilder("# Workflow memory sizing at submit: replay of recorded runs\n\n");
        md.append("Each run is replayed in event-time order from a cold start. A task is sized when it is "
                + "submitted, from the tasks completed by then; its peak is learned when it completes. Only tasks "
                + "that completed with a peak and a runtime above 0 are scored (the others are counted below). A "
                + "task sized below its peak fails, wastes its whole allocation for its runtime, and is retried "
                + "with double the memory, whichever method sized it. Wastage = sum of (allocated - peak) x "
                + "runtime plus the failed attempts, in GiB-hours (1 GiB = 2^30 bytes). A task that requested "
                + "nothing asks for the default. `earned-selection` lets, per action type, the source with the "
                + "lowest recent cost (wastage, failed attempts included, over the memory used) decide; a run "
                + "starts from what it learned on the other runs of its workflow type, and its setting is chosen on "
                + "the runs of the other workflow types (leave-one-run-out).\n\n");
        md.append(String.format(Locale.ROOT, "LSTM: %s. Rules of `lstm+fallback`: %s.%n%n", settings, policy));
        comparisonTable(md);
        medians(md);
        sources(md);
        demandForecasts(md);
        leftOut(md);
        allMethods(md);
        return md.toString();
    }

    private void comparisonTable(StringBuilder md) {
        md.append("## Every run against its best baseline\n\n")
                .append("| run | kind | tasks | best baseline | its GiB·h | its failed attempts | earned-selection GiB·h "
                        + "| failed attempts | × best | lstm alone × best | lstm+fallback × best | setting (chosen on the other workflow types) |\n")
                .append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Comparison c : comparisons()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.3f | %d | %.3f | %d | %.3f | %.3f | %.3f | %s |%n",
                    c.run(), c.kind(), c.selected().tasks(), c.best().method(), c.best().wastageGibHours(),
                    c.best().underAllocations(), c.selected().wastageGibHours(), c.selected().underAllocations(),
                    c.ratio(c.selected()), c.ratio(c.lstm()), c.ratio(c.rules()), c.selected().setting()));
        }
        md.append('\n');
    }

    private void medians(StringBuilder md) {
        Map<String, List<Comparison>> byKind = new LinkedHashMap<>();
        comparisons().forEach(c -> byKind.computeIfAbsent(c.kind(), kind -> new ArrayList<>()).add(c));
        byKind.put("all runs", comparisons());
        md.append("## Medians (wastage × the best baseline of each run; goal ≤ ").append(GOAL).append(")\n\n")
                .append("| runs | n | earned-selection | lstm alone | lstm+fallback | runs below the best baseline "
                        + "| runs with more failed attempts than it |\n|---|---:|---:|---:|---:|---:|---:|\n");
        byKind.forEach((kind, comparisons) -> md.append(String.format(Locale.ROOT,
                "| %s | %d | %.3f | %.3f | %.3f | %d | %d |%n", kind, comparisons.size(),
                median(comparisons, c -> c.ratio(c.selected())), median(comparisons, c -> c.ratio(c.lstm())),
                median(comparisons, c -> c.ratio(c.rules())),
                comparisons.stream().filter(c -> c.ratio(c.selected()) < 1).count(),
                comparisons.stream().filter(c -> c.selected().underAllocations() > c.best().underAllocations()).count())));
        md.append('\n');
    }

    private static double median(List<Comparison> comparisons, java.util.function.ToDoubleFunction<Comparison> ratio) {
        return LeaveOneRunOut.median(comparisons.stream().mapToDouble(ratio).boxed().toList());
    }

    private void sources(StringBuilder md) {
        Map<String, long[]> decisions = new TreeMap<>();
        Map<String, Double> wastage = new TreeMap<>();
        long total = 0;
        for (Comparison c : comparisons()) {
            for (Map.Entry<String, Long> decided : c.selected().decisions().entrySet()) {
                decisions.computeIfAbsent(decided.getKey(), source -> new long[1])[0] += decided.getValue();
                wastage.merge(decided.getKey(), c.selected().decidedGibHours().get(decided.getKey()), Double::sum);
                total += decided.getValue();
            }
        }
        md.append("## Which source decided (earned-selection, all runs)\n\n")
                .append("| source | decisions | share | wastage where it decided, GiB·h |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, long[]> source : decisions.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% | %.3f |%n", source.getKey(), source.getValue()[0],
                    100.0 * source.getValue()[0] / total, wastage.get(source.getKey())));
        }
        md.append('\n');
    }

    private void demandForecasts(StringBuilder md) {
        md.append("## Look-ahead: each run's memory demand over the next ").append(DemandForecastEvaluation.HORIZON_MINUTES)
                .append(" minutes\n\nOnce a minute, right after a submit, the forecaster predicts the sum of the peaks "
                        + "of the actions the run will submit in the next ").append(DemandForecastEvaluation.HORIZON_MINUTES)
                .append(" minutes, from the submit sequences learned so far; the baseline repeats the last window. "
                        + "Interval: ").append(Math.round(DemandForecastEvaluation.COVERAGE * 100))
                .append(" %, calibrated on the forecasts already judged.\n\n")
                .append("| run | forecasts | mean actual GiB | MAE GiB | baseline MAE GiB | MAE × baseline "
                        + "| with interval | interval coverage |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DemandForecastEvaluation.Result f : forecasts) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %d | %.1f %% |%n", f.run(),
                    f.forecasts(), f.meanActualGib(), f.maeGib(), f.persistenceGib(),
                    LeaveOneRunOut.ratio(f.maeGib(), f.persistenceGib()), f.withInterval(), 100 * f.coverage()));
        }
        List<Double> ratios = forecasts.stream().map(f -> LeaveOneRunOut.ratio(f.maeGib(), f.persistenceGib())).toList();
        List<Double> coverages = forecasts.stream().map(DemandForecastEvaluation.Result::coverage)
                .filter(c -> !c.isNaN()).toList();
        md.append(String.format(Locale.ROOT, "%nMedian MAE × baseline: %.3f; median interval coverage: %.1f %% "
                        + "(%d runs with intervals).%n%n", LeaveOneRunOut.median(ratios),
                coverages.isEmpty() ? Double.NaN : 100 * LeaveOneRunOut.median(coverages), coverages.size()));
    }

    private void leftOut(StringBuilder md) {
        md.append("## Records left out and fields missing\n\n| run | tasks scored | left out | by reason | missing fields |\n")
                .append("|---|---:|---:|---|---|\n");
        for (WorkflowRun run : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |%n", run.name(), run.tasks().size(),
                    run.excludedCount(), run.excluded().isEmpty() ? "" : new TreeMap<>(run.excluded()),
                    run.missing().isEmpty() ? "" : new TreeMap<>(run.missing())));
        }
        md.append('\n');
    }

    private void allMethods(StringBuilder md) {
        md.append("## All methods\n\nCold start: wastage of tasks submitted before any task of their type had "
                + "completed.\n\n| run | method | tasks | wastage GiB·h | of it cold start | failed attempts | MAE GiB |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        byRun.values().forEach(results -> results.forEach(r -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %d | %.3f | %.3f | %d | %.3f |%n", r.workflow(), r.method(), r.tasks(),
                r.wastageGibHours(), r.coldStartGibHours(), r.underAllocations(), r.maeGib()))));
    }

    String csv() {
        StringBuilder csv = new StringBuilder("workflow,source,method,tasks,wastage_gib_hours,cold_start_gib_hours,"
                + "failed_attempts,mae_gib,setting\n");
        byRun.values().forEach(results -> results.forEach(r -> csv.append(String.format(Locale.ROOT,
                "%s,%s,%s,%d,%.4f,%.4f,%d,%.4f,\"%s\"%n", r.workflow(), r.source(), r.method(), r.tasks(),
                r.wastageGibHours(), r.coldStartGibHours(), r.underAllocations(), r.maeGib(), r.setting()))));
        return csv.toString();
    }
}
