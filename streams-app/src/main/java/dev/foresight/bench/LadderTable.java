package dev.foresight.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Medians per rung over the alternated runs, as a Markdown table. */
final class LadderTable {

    private final Map<String, List<RunResult>> byLabel = new LinkedHashMap<>();

    void add(RunResult result) {
        byLabel.computeIfAbsent(result.label(), label -> new ArrayList<>()).add(result);
    }

    double median(String label, ToDoubleFunction<RunResult> metric) {
        List<RunResult> runs = byLabel.getOrDefault(label, List.of());
        return median(runs.stream().mapToDouble(metric).sorted().toArray());
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    String markdown() {
        double ceiling = median(Rung.L1.name(), RunResult::recordsPerSecond);
        StringBuilder table = new StringBuilder(
                "| rung | runs | records/s (median) | × L1 | CPU µs per record | peak RSS MB |\n"
                        + "|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<RunResult>> rung : byLabel.entrySet()) {
            String label = rung.getKey();
            double rate = median(label, RunResult::recordsPerSecond);
            table.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.1f | %,.0f |%n", label,
                    rung.getValue().size(), rate, rate / ceiling, median(label, RunResult::cpuMicrosPerRecord),
                    median(label, RunResult::peakRssMb)));
        }
        return table.toString();
    }
}
