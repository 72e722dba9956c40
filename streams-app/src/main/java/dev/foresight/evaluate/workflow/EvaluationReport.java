package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.predict.workflow.LstmSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders evaluation results as Markdown (with the comparison against the best baseline) and as CSV. */
final class EvaluationReport {

    private final Map<String, List<MethodResult>> byWorkflow;

    EvaluationReport(List<MethodResult> results) {
        this.byWorkflow = results.stream().collect(
                Collectors.groupingBy(MethodResult::workflow, LinkedHashMap::new, Collectors.toList()));
    }

    /** Ours against the baseline that wasted least on the same run. */
    record Comparison(String workflow, MethodResult ours, MethodResult bestBaseline) {

        double reductionPercent() {
            return 100 * (1 - ours.wastageGbHours() / bestBaseline.wastageGbHours());
        }
    }

    List<Comparison> comparisons() {
        List<Comparison> comparisons = new ArrayList<>();
        byWorkflow.forEach((workflow, results) -> {
            MethodResult ours = results.stream().filter(r -> r.method().equals(LstmSizer.NAME)).findFirst().orElseThrow();
            MethodResult best = results.stream().filter(r -> !r.method().equals(LstmSizer.NAME))
                    .min(Comparator.comparingDouble(MethodResult::wastageGbHours)).orElseThrow();
            comparisons.add(new Comparison(workflow, ours, best));
        });
        return comparisons;
    }

    String markdown(LstmSettings settings, AllocationPolicy policy) {
        StringBuilder md = new StringBuilder("# Workflow memory sizing: replay of recorded runs\n\n");
        md.append("Each run is replayed in event-time order from a cold start: a task is sized when it starts, from "
                + "the tasks completed before; its peak is learned when it completes. A task sized below its peak "
                + "fails, wastes its whole allocation for its runtime, and is retried with double the memory, "
                + "whichever method sized it. Wastage = sum of (allocated - peak) x runtime plus the failed "
                + "attempts, in GB-hours. A task that requested nothing asks for the policy's default.\n\n");
        md.append(String.format(Locale.ROOT, "Predictor: %s. Allocation policy: %s.%n%n", settings, policy));
        md.append("## Against the best baseline per run\n\n")
                .append("| workflow | best baseline | its wastage GB·h | its under-allocations "
                        + "| lstm+fallback wastage GB·h | under-allocations | wastage change |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        Map<String, List<Double>> reductionsBySource = new LinkedHashMap<>();
        for (Comparison c : comparisons()) {
            reductionsBySource.computeIfAbsent(c.ours().source(), source -> new ArrayList<>()).add(c.reductionPercent());
            md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %d | %.2f | %d | %+.1f %% |%n", c.workflow(),
                    c.bestBaseline().method(), c.bestBaseline().wastageGbHours(), c.bestBaseline().underAllocations(),
                    c.ours().wastageGbHours(), c.ours().underAllocations(), -c.reductionPercent()));
        }
        md.append('\n');
        reductionsBySource.forEach((source, reductions) -> md.append(String.format(Locale.ROOT,
                "Median wastage change against the best baseline, runs read from a %s (%d): %+.1f %% "
                        + "(negative: less wastage)%n%n", source, reductions.size(), -median(reductions))));
        md.append("## All methods\n\nCold start: wastage of tasks that started before any task of their type had "
                + "completed. The baselines size them from the request; ours from the request scaled by the share of "
                + "their request that the run's other task types used, once enough of them have history.\n\n"
                + "| workflow | method | tasks | wastage GB·h | of it cold start | under-allocations | MAE GB | decisions |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---|\n");
        byWorkflow.values().forEach(results -> results.forEach(r -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %d | %.2f | %.2f | %d | %.3f | %s |%n", r.workflow(), r.method(), r.tasks(),
                r.wastageGbHours(), r.coldStartGbHours(), r.underAllocations(), r.maeGb(),
                r.decisions().isEmpty() ? "" : r.decisions()))));
        return md.toString();
    }

    String csv() {
        StringBuilder csv = new StringBuilder(
                "workflow,source,method,tasks,wastage_gb_hours,cold_start_gb_hours,under_allocations,mae_gb\n");
        byWorkflow.values().forEach(results -> results.forEach(r -> csv.append(String.format(Locale.ROOT,
                "%s,%s,%s,%d,%.4f,%.4f,%d,%.4f%n", r.workflow(), r.source(), r.method(), r.tasks(), r.wastageGbHours(),
                r.coldStartGbHours(), r.underAllocations(), r.maeGb()))));
        return csv.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
