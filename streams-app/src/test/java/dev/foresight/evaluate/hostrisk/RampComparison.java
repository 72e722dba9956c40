package dev.foresight.evaluate.hostrisk;

import dev.foresight.domain.hostrisk.HostRiskScorer;
import dev.foresight.domain.hostrisk.HostRiskScorer.Assessment;
import dev.foresight.domain.hostrisk.HostRiskSettings;
import dev.foresight.domain.hostrisk.HostSignals;
import dev.foresight.producers.replay.PreventCsv;
import dev.foresight.schema.state.HostRiskProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Synthetic faults on the normal week, no run involved: how a host that starts failing soon after the application
 * (re)started is caught from a fresh state (scales resting on the window alone, the cold rule: the default) and
 * from the profiles of a restart that kept the scales ({@link HostRiskSettings#keepScales()}, the settled rule). Kafka-free over {@link HostRiskScorer}, the
 * arithmetic the topology runs; the rules are chosen as {@code evaluate host-failures} chooses them, from this
 * replay's scores of the calibration minutes.
 *
 * <p>20 windows of {@value #WINDOW} minutes start evenly over the calibration days after the first (the kept scales
 * are those of the continuous replay at the window's start; the window is replayed as after a restart, a day
 * later). In each, one host (in turn) ramps linearly from minute {@value #RAMP_FROM} to minute {@value #WINDOW}:
 * its memory and CPU signals up to ×3, or (every other window) its network bytes and packets down to ×0.2.
 * "Caught" is a correct alarm (the host in alert among the three riskiest, with some host in alert) before
 * minute {@value #WINDOW}; earliness is minutes from it to minute {@value #WINDOW} + 1.
 *
 * <p>Run (the shaded jar and the test classes built first):
 * {@code java -Xmx1g -cp streams-app/target/test-classes:streams-app/target/foresight.jar
 * dev.foresight.evaluate.hostrisk.RampComparison ../shared/data/prevent-redis}
 */
final class RampComparison {

    static final int WINDOW = 180;
    static final int RAMP_FROM = 61;
    private static final int WINDOWS = 20;

    /** One row of the recording: each host's signals, by the index of their name (NaN: not in this row). */
    private record Row(Instant at, Map<String, double[]> hosts) {
    }

    /** A window's fault and what each candidate made of it: earliness, and whether it alarmed before the ramp. */
    private record Outcome(String host, String fault, List<OptionalInt> earliness, List<Boolean> steadyAlarm) {
    }

    /** A way to score a window: its scorer, and whether it starts from the kept profiles, a day later. */
    private record Candidate(String name, HostRiskScorer scorer, boolean fromKept) {
    }

    /** Signal names in the order of the rows' arrays: the week in maps of boxed doubles would not fit a 1 GB heap. */
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private String service;

    private RampComparison() {
    }

    public static void main(String[] args) throws IOException {
        Path raw = Path.of(args[0]).resolve("raw");
        Path normal;
        try (Stream<Path> files = Files.list(raw)) {
            normal = files.filter(f -> f.getFileName().toString().startsWith("normal")).findFirst().orElseThrow();
        }
        System.out.print(new RampComparison().compare(normal));
    }

    private String compare(Path normal) throws IOException {
        List<Row> rows = rows(normal);
        int split = HostFailureEvaluation.splitMinute(rows.stream().map(Row::at).toList());
        List<Row> calibration = rows.subList(0, split - 1);

        HostRiskSettings defaults = HostRiskSettings.defaults();
        List<Integer> starts = new ArrayList<>();
        int first = HostFailureEvaluation.FOLD_MINUTES;
        for (int w = 0; w < WINDOWS; w++) {
            starts.add(first + w * (calibration.size() - first - WINDOW) / (WINDOWS - 1));
        }
        Map<Integer, Map<String, HostRiskProfile>> snapshots = new HashMap<>();
        RiskTrace trace = continuous(calibration, defaults, starts, snapshots);
        HostFailureEvaluation.Rules rules = HostFailureEvaluation.rules(trace.between(1, trace.size() + 1));
        HostRiskSettings ruled = defaults.withAlertRules(rules.settled().rule(), rules.cold().rule());
        // the cold rule chosen on fresh starts only: each calibration day replayed from a fresh state, one a fold
        List<RiskTrace.Minute> freshDays = new ArrayList<>();
        int day = HostFailureEvaluation.FOLD_MINUTES;
        for (int d = 0; (d + 1) * day <= calibration.size(); d++) {
            RiskTrace freshDay = continuous(calibration.subList(d * day, (d + 1) * day), defaults, List.of(),
                    new HashMap<>());
            freshDays.addAll(freshDay.between(1, freshDay.size() + 1));
        }
        AlertRuleChoice.Chosen freshCold = HostFailureEvaluation.rules(freshDays).cold();
        List<Candidate> candidates = List.of(
                new Candidate(String.format(Locale.ROOT, "fresh start, cold rule %.3f (default)",
                        rules.cold().rule().alertThreshold()), new HostRiskScorer(ruled), false),
                new Candidate(String.format(Locale.ROOT, "after a restart, scales kept, settled rule %.3f",
                        rules.settled().rule().alertThreshold()), new HostRiskScorer(ruled.withKeptScales(true)), true),
                new Candidate(String.format(Locale.ROOT, "fresh start, cold rule from fresh days %.3f (q %.3f; folds %s)",
                        freshCold.rule().alertThreshold(), freshCold.quantile(), shares(freshCold)),
                        new HostRiskScorer(defaults.withAlertRules(rules.settled().rule(), freshCold.rule())), false),
                debounced(trace, defaults, 1), debounced(trace, defaults, 2), debounced(trace, defaults, 5));

        List<String> hosts = new ArrayList<>(new TreeMap<>(calibration.get(0).hosts()).keySet());
        List<Outcome> outcomes = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            String host = hosts.get(w % hosts.size());
            boolean network = w % 2 == 1;
            List<Map<String, Map<String, Double>>> window = ramped(calibration.subList(starts.get(w),
                    starts.get(w) + WINDOW), host, network);
            List<Instant> at = calibration.subList(starts.get(w), starts.get(w) + WINDOW).stream().map(Row::at).toList();
            List<Instant> dayLater = at.stream().map(t -> t.plus(Duration.ofDays(1))).toList();
            List<OptionalInt> earliness = new ArrayList<>();
            List<Boolean> steady = new ArrayList<>();
            for (Candidate c : candidates) {
                int[] result = c.fromKept() ? caught(c.scorer(), dayLater, window, copies(snapshots.get(starts.get(w))), host)
                        : caught(c.scorer(), at, window, new HashMap<>(), host);
                earliness.add(earliness(result[0]));
                steady.add(result[1] > 0);
            }
            outcomes.add(new Outcome(host, network ? "network ×0.2" : "memory, CPU ×3", earliness, steady));
        }
        return report(rules, candidates, outcomes);
    }

    /** A fresh start with another debounce, its rules chosen against the same budget. */
    private static Candidate debounced(RiskTrace trace, HostRiskSettings defaults, int raiseAfter) {
        HostFailureEvaluation.Rules rules = HostFailureEvaluation.rules(trace.between(1, trace.size() + 1), raiseAfter);
        return new Candidate(String.format(Locale.ROOT, "fresh start, debounce %d: cold rule %.3f (q %.3f)", raiseAfter,
                rules.cold().rule().alertThreshold(), rules.cold().quantile()),
                new HostRiskScorer(defaults.withAlertRules(rules.settled().rule(), rules.cold().rule())), false);
    }

    private List<Row> rows(Path file) throws IOException {
        Map<Instant, Map<String, double[]>> byMinute = new LinkedHashMap<>();
        new PreventCsv(Optional.empty()).forEach(file, sample -> {
            service = sample.getServiceId();
            Map<String, Double> signals = HostSignals.of(sample);
            signals.keySet().forEach(name -> index.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            }));
            double[] values = new double[names.size()];
            Arrays.fill(values, Double.NaN);
            signals.forEach((name, value) -> values[index.get(name)] = value == null ? Double.NaN : value);
            byMinute.computeIfAbsent(sample.getTimestamp(), at -> new HashMap<>()).put(sample.getHostId(), values);
        });
        List<Row> rows = new ArrayList<>();
        byMinute.forEach((at, hosts) -> rows.add(new Row(at, hosts)));
        return rows;
    }

    /** The row's signals as the scorer takes them, each host's multiplied by {@code factor} where {@code affected}. */
    private Map<String, Map<String, Double>> signals(Row row, String host, Predicate<String> affected, double factor) {
        Map<String, Map<String, Double>> round = new HashMap<>();
        row.hosts().forEach((hostId, values) -> {
            Map<String, Double> signals = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    boolean ramp = hostId.equals(host) && affected.test(names.get(i));
                    signals.put(names.get(i), ramp ? values[i] * factor : values[i]);
                }
            }
            round.put(hostId, signals);
        });
        return round;
    }

    /** The calibration minutes replayed without a break, keeping deep copies of the profiles at each window start. */
    private RiskTrace continuous(List<Row> rows, HostRiskSettings settings, List<Integer> starts,
                                 Map<Integer, Map<String, HostRiskProfile>> snapshots) {
        HostRiskScorer scorer = new HostRiskScorer(settings);
        Map<String, HostRiskProfile> profiles = new HashMap<>();
        RiskTrace.Recorder recorder = new RiskTrace.Recorder();
        for (int m = 0; m < rows.size(); m++) {
            if (starts.contains(m)) {
                snapshots.put(m, copies(profiles));
            }
            Map<String, Map<String, Double>> round = signals(rows.get(m), "", name -> false, 1);
            for (Assessment a : scorer.score(service, rows.get(m).at(), round, profiles)) {
                if (a.scored()) {
                    recorder.risk(a.hostId(), a.risk(), a.settled());
                }
            }
            recorder.endMinute();
        }
        return recorder.trace();
    }

    private static Map<String, HostRiskProfile> copies(Map<String, HostRiskProfile> profiles) {
        Map<String, HostRiskProfile> copies = new HashMap<>();
        profiles.forEach((host, profile) -> copies.put(host, HostRiskProfile.newBuilder(profile).build()));
        return copies;
    }

    private List<Map<String, Map<String, Double>>> ramped(List<Row> window, String host, boolean network) {
        double target = network ? 0.2 : 3.0;
        Predicate<String> affected = network
                ? name -> name.equals("network_mbps") || name.contains("network") && (name.contains("bytes")
                        || name.contains("packets"))
                : name -> name.contains("memory") || name.contains("cpu");
        List<Map<String, Map<String, Double>>> ramped = new ArrayList<>();
        for (int m = 1; m <= window.size(); m++) {
            double factor = m < RAMP_FROM ? 1 : 1 + (target - 1) * (m - RAMP_FROM + 1) / (double) (WINDOW - RAMP_FROM + 1);
            ramped.add(signals(window.get(m - 1), host, affected, factor));
        }
        return ramped;
    }

    /** The first minute (1-based) with a correct alarm at or after the ramp's start (0: none), and steady alarms. */
    private int[] caught(HostRiskScorer scorer, List<Instant> at, List<Map<String, Map<String, Double>>> window,
                         Map<String, HostRiskProfile> profiles, String faulty) {
        int steadyAlarms = 0;
        for (int m = 1; m <= window.size(); m++) {
            List<Assessment> round = scorer.score(service, at.get(m - 1), window.get(m - 1), profiles);
            boolean alarm = round.stream().anyMatch(Assessment::alerting);
            if (m < RAMP_FROM) {
                steadyAlarms += alarm ? 1 : 0;
            } else if (alarm && round.stream().filter(Assessment::scored)
                    .sorted(Comparator.comparingDouble(Assessment::risk).reversed().thenComparing(Assessment::hostId))
                    .limit(3).anyMatch(a -> a.hostId().equals(faulty))) {
                return new int[] {m, steadyAlarms};
            }
        }
        return new int[] {0, steadyAlarms};
    }

    private static OptionalInt earliness(int minute) {
        return minute == 0 ? OptionalInt.empty() : OptionalInt.of(WINDOW + 1 - minute);
    }

    private static String report(HostFailureEvaluation.Rules rules, List<Candidate> candidates, List<Outcome> outcomes) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Rules from this replay's calibration minutes: "
                        + "settled %.3f (quantile %.3f; folds %s), cold %.3f (quantile %.3f; folds %s)%n%n",
                rules.settled().rule().alertThreshold(), rules.settled().quantile(), shares(rules.settled()),
                rules.cold().rule().alertThreshold(), rules.cold().quantile(), shares(rules.cold())));
        md.append("| window | host | fault |");
        candidates.forEach(c -> md.append(' ').append(c.name()).append(" |"));
        md.append("\n|---|---|---|").append("---|".repeat(candidates.size())).append('\n');
        for (int w = 0; w < outcomes.size(); w++) {
            Outcome o = outcomes.get(w);
            md.append(String.format(Locale.ROOT, "| %d | %s | %s |", w + 1, o.host(), o.fault()));
            for (int c = 0; c < candidates.size(); c++) {
                md.append(' ').append(text(o.earliness().get(c))).append(o.steadyAlarm().get(c) ? " (steady alarm)" : "")
                        .append(" |");
            }
            md.append('\n');
        }
        md.append("| **caught, median earliness** | | |");
        for (int c = 0; c < candidates.size(); c++) {
            int at = c;
            md.append(' ').append(summary(outcomes.stream().map(o -> o.earliness().get(at)).toList())).append(" |");
        }
        md.append("\n| **windows with a steady alarm** | | |");
        for (int c = 0; c < candidates.size(); c++) {
            int at = c;
            md.append(String.format(Locale.ROOT, " %d of %d |", outcomes.stream().filter(o -> o.steadyAlarm().get(at))
                    .count(), outcomes.size()));
        }
        return md.append('\n').toString();
    }

    private static String shares(AlertRuleChoice.Chosen chosen) {
        StringBuilder folds = new StringBuilder();
        for (double share : chosen.foldShares()) {
            folds.append(folds.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f %%", share * 100));
        }
        return folds.toString();
    }

    private static String text(OptionalInt earliness) {
        return earliness.isPresent() ? Integer.toString(earliness.getAsInt()) : "missed";
    }

    /** A missed window counts as the lowest earliness. */
    private static String summary(List<OptionalInt> earliness) {
        double[] values = earliness.stream().mapToDouble(e -> e.isPresent() ? e.getAsInt() : Double.NEGATIVE_INFINITY)
                .sorted().toArray();
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        long caught = earliness.stream().filter(OptionalInt::isPresent).count();
        return String.format(Locale.ROOT, "%d of %d, median %s", caught, n,
                Double.isFinite(median) ? String.format(Locale.ROOT, "%.0f", median) : "none");
    }
}
