package dev.foresight.evaluate.hostrisk;

import dev.foresight.domain.hostrisk.AlertHysteresis;
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
 * <p>One pair of alert rules for every run, from normal data only. The normal file splits at its longest gap (else
 * in half): the first part calibrates, the second gives the held-out false-positive rate (share of minutes with
 * any host in alert). On the first part, {@link AlertRuleChoice} picks each threshold against the
 * {@value #BUDGET} false-alarm budget by time-ordered cross-validation over whole days: the cold rule (hosts whose
 * scales rest on less than a day) over every calibration day, the first one cold, the settled rule over the days
 * on which every host had settled. The exit share ({@value #EXIT_SHARE}) and the debounce ({@value #RAISE_AFTER}
 * rounds) are fixed beforehand. The alerts on normal data follow those rules ({@code domain.hostrisk.AlertHysteresis})
 * over the scores the topology emitted, since the scores do not depend on the rules, so the normal file is replayed
 * once (and not at all when its scores are kept with {@code --scores}). Each run is then replayed through the
 * topology configured with the chosen rules, from the host risk profiles the normal file left (the application
 * restarted on the same cluster, which by default keeps nothing: see {@code HostRiskSettings.keepScales}), and
 * scored from the alerts the topology itself raised. Nothing is fitted to the runs, so runs we do not have are scored the same way.
 */
public final class HostFailureEvaluation {

    /** The goal's false-positive rate on normal operation. */
    static final double BUDGET = 0.05;
    /** One day a fold: the calibration block's 7,200 minutes are five. */
    static final int FOLD_MINUTES = 1440;
    /** The alert clears below this share of the threshold. */
    static final double EXIT_SHARE = 0.85;
    /**
     * Three minutes in a row before an alert: the highest of 20 hosts' risks crosses any quantile of itself in
     * isolated minutes on normal data, a failing host stays above it; it costs a real alarm two minutes.
     */
    static final int RAISE_AFTER = 3;

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
        List<FailureRun> runs = FailureRun.fromLabels(labels);

        HostRiskSettings defaults = HostRiskSettings.defaults();
        TopologyReplay scoring = new TopologyReplay(defaults);
        TopologyReplay.Result calibration = scores.isPresent()
                ? new ScoreCache(scores.get()).scores(normal, scoring, defaults) : scoring.replay(normal);
        RiskTrace normalTrace = calibration.trace();
        int split = splitMinute(calibration.rows());
        List<RiskTrace.Minute> calibrationMinutes = normalTrace.between(1, split);
        Rules rules = rules(calibrationMinutes);
        AlertHysteresis settledRule = rules.settled().rule();
        AlertHysteresis coldRule = rules.cold().rule();
        double heldOutFpr = RiskTrace.alarmShare(normalTrace.between(split, normalTrace.size() + 1), settledRule,
                coldRule);
        double calibrationFpr = RiskTrace.alarmShare(calibrationMinutes, settledRule, coldRule);

        TopologyReplay replay = new TopologyReplay(defaults.withAlertRules(settledRule, coldRule));
        List<RunResult> results = new ArrayList<>();
        for (FailureRun run : runs) {
            Path file = fileOf(files, run.name());
            if (file != null) {
                TopologyReplay.Result result = replay.replay(file, calibration.profiles());
                results.add(RunResult.score(run, result.trace(), result.deadLetters()));
            }
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException(raw + " holds no file of the runs in " + labels);
        }
        return new HostFailureReport(new HostFailureReport.Normal(rules.settled(), rules.cold(), split - 1,
                rules.settledMinutes(), normalTrace.size(), calibrationFpr, heldOutFpr, calibration.deadLetters(),
                defaults.keepScales()), results);
    }

    /**
     * The rules of settled and of cold hosts, and on how many calibration minutes every host had settled.
     */
    record Rules(AlertRuleChoice.Chosen settled, AlertRuleChoice.Chosen cold, int settledMinutes) {
    }

    /**
     * The cold rule over every calibration minute (its first day is cold), the settled rule over the minutes in
     * which every host had settled; with fewer than two days of those, the cold rule is both.
     */
    static Rules rules(List<RiskTrace.Minute> calibration) {
        return rules(calibration, RAISE_AFTER);
    }

    /** The same with another debounce. */
    static Rules rules(List<RiskTrace.Minute> calibration, int raiseAfter) {
        AlertRuleChoice.Chosen cold = choose(calibration, raiseAfter);
        List<RiskTrace.Minute> settledMinutes = calibration.stream().filter(RiskTrace.Minute::allSettled).toList();
        AlertRuleChoice.Chosen settled = settledMinutes.size() >= 2 * FOLD_MINUTES ? choose(settledMinutes, raiseAfter)
                : cold;
        return new Rules(settled, cold, settledMinutes.size());
    }

    /** Against the budget, one day a fold (at least two). */
    private static AlertRuleChoice.Chosen choose(List<RiskTrace.Minute> minutes, int raiseAfter) {
        return new AlertRuleChoice(BUDGET, Math.max(2, minutes.size() / FOLD_MINUTES), EXIT_SHARE, raiseAfter)
                .choose(minutes);
    }

    /** The first minute of the second part: after the longest gap between rows, else the middle. */
    static int splitMinute(List<Instant> rows) {
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
