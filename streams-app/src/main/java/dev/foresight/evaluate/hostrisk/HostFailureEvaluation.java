package dev.foresight.evaluate.hostrisk;

import dev.foresight.domain.hostrisk.HostRiskSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Continuous host risk on recorded failures ({@code ../shared/data/prevent-redis}): replays the normal
 * week and every labelled run through the real topology and scores them like the published tools.
 *
 * <p>One threshold for every run, from normal data only: the normal file splits at its longest gap (else
 * in half); the threshold is the {@value #QUANTILE} quantile of the per-minute highest host risk over the
 * first part; the second part gives the held-out false-positive rate (share of minutes with any host in
 * alert, the alerts following the same hysteresis as the topology's over the scores it emitted: scores do
 * not depend on the thresholds, so the normal file is replayed once). Nothing is fitted to the runs: each is replayed from a fresh
 * state, so runs we do not have are scored the same way.
 */
public final class HostFailureEvaluation {

    /** 3% of normal minutes over the threshold leaves two points of the 5% budget for hysteresis and drift. */
    static final double QUANTILE = 0.97;
    /** The alert clears below this share of the threshold. */
    static final double EXIT_SHARE = 0.85;

    private HostFailureEvaluation() {
    }

    /**
     * @param dataSet a folder with {@code labels.yml} and {@code raw/<run>.csv[.gz]}, one of them the normal
     *                operation (its name starts with {@code normal})
     * @param scores  where to keep the normal file's scores between evaluations (empty: replay it every time)
     * @throws IllegalArgumentException if the folder lacks the labels, the normal file or every run's file
     */
    public static HostFailureReport run(Path dataSet, Optional<Path> scores) throws IOException {
        Path raw = dataSet.resolve("raw");
        Path labels = dataSet.resolve("labels.yml");
        if (!Files.isRegularFile(labels) || !Files.isDirectory(raw)) {
            throw new IllegalArgumentException(dataSet + " needs labels.yml and a raw/ folder");
        }
        List<Path> files = files(raw);
        Path normal = files.stream().filter(f -> f.getFileName().toString().startsWith("normal")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(raw + " has no normal-operation file (normal*)"));

        HostRiskSettings defaults = HostRiskSettings.defaults();
        TopologyReplay scoring = new TopologyReplay(defaults);
        TopologyReplay.Result calibration = scores.isPresent()
                ? new ScoreCache(scores.get()).scores(normal, scoring, defaults) : scoring.replay(normal);
        int split = splitMinute(calibration.rows());
        double threshold = quantile(highest(calibration.trace(), 1, split), QUANTILE);
        HostRiskSettings chosen = defaults.withThresholds(threshold, threshold * EXIT_SHARE);

        RiskTrace normalTrace = calibration.trace();
        double heldOutFpr = RiskTrace.alarmShare(normalTrace.between(split, normalTrace.size() + 1), chosen.hysteresis());
        double weekFpr = RiskTrace.alarmShare(normalTrace.between(1, split), chosen.hysteresis()) * (split - 1)
                / normalTrace.size() + heldOutFpr * (normalTrace.size() - split + 1) / normalTrace.size();

        TopologyReplay replay = new TopologyReplay(chosen);
        List<RunResult> results = new ArrayList<>();
        for (FailureRun run : FailureRun.fromLabels(labels)) {
            Path file = fileOf(files, run.name());
            if (file != null) {
                TopologyReplay.Result result = replay.replay(file);
                results.add(RunResult.score(run, result.trace(), result.deadLetters()));
            }
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException(raw + " holds no file of the runs in " + labels);
        }
        return new HostFailureReport(chosen, QUANTILE, split - 1, normalTrace.size(), heldOutFpr, weekFpr, results);
    }

    /** The first minute of the second part: after the longest gap between rows, else the middle. */
    private static int splitMinute(List<Instant> rows) {
        int split = rows.size() / 2 + 1;
        Duration longest = HostRiskSettings.defaults().restartAfter();
        for (int i = 1; i < rows.size(); i++) {
            Duration gap = Duration.between(rows.get(i - 1), rows.get(i));
            if (gap.compareTo(longest) > 0) {
                longest = gap;
                split = i + 1;
            }
        }
        return split;
    }

    private static double[] highest(RiskTrace trace, int from, int toExclusive) {
        return trace.between(from, toExclusive).stream().filter(m -> !m.risks().isEmpty())
                .mapToDouble(RiskTrace.Minute::highest).toArray();
    }

    /** Linear interpolation between closest ranks. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no scored minute to choose a threshold from");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = q * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }

    private static Path fileOf(List<Path> files, String run) {
        return files.stream().filter(f -> {
            String name = f.getFileName().toString();
            return name.equals(run + ".csv") || name.equals(run + ".csv.gz");
        }).findFirst().orElse(null);
    }

    private static List<Path> files(Path raw) throws IOException {
        try (Stream<Path> entries = Files.list(raw)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
