package dev.foresight.predict.risk;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

/**
 * The feature vector of one host during a deployment, from a short window of its telemetry compared
 * with the host's own baseline from before the deployment. Ratios to the baseline carry most of the
 * signal: a host that always runs at 80% CPU is not at risk at 80%; one that usually runs at 30% is.
 *
 * <p>Ratios to the baseline also rise with whatever reaches every host of the service at once (a traffic
 * burst, a slow dependency), while a bad release shows first on the hosts that run it. So each symptom
 * is also compared with the host's peers in the same deployment: {@code *_peer_ratio} is the host's
 * ratio to its baseline over the median of its peers' ratios to theirs, 1 when the host strays no
 * further than they do, as canary analysis compares canaries with the fleet.
 *
 * <p>Names follow the {@link RiskPrior} conventions: {@code *_ratio} is 1 at the baseline,
 * {@code *_trend} is 0 when flat. Ratios are smoothed by a per-metric floor, so a metric near zero
 * (an error rate of 0.1%) does not turn noise into a 10x alarm, and capped at {@link #MAX_RATIO}
 * (peer ratios within [1 / MAX_RATIO, MAX_RATIO]).
 */
public final class HostFeatures {

    /** Telemetry means of one window of a host, or of its baseline. Utilisations and error rate in [0, 1]. */
    public record Window(double cpuMean, double cpuMax, double memoryMean, double latencyMs, double errorRate,
                         double requestRate, Map<String, Double> kpis) {

        public Window {
            kpis = Map.copyOf(kpis);
        }
    }

    public static final List<String> NAMES = List.of(
            "cpu_mean", "cpu_max", "cpu_ratio",
            "memory_mean", "memory_ratio", "memory_trend",
            "latency_ms", "latency_ratio",
            "error_rate", "error_rate_ratio",
            "kpi_deviation_ratio",
            "deployment_velocity",
            "load_ratio",
            "error_rate_peer_ratio", "latency_peer_ratio", "memory_peer_ratio");

    /** The ratios to the baseline that are also compared with the peers', in the order of their peer ratios. */
    private static final List<String> PEER_COMPARED = List.of("error_rate_ratio", "latency_ratio", "memory_ratio");

    public static final double MAX_RATIO = 50;

    private static final double UTILISATION_FLOOR = 0.05;
    private static final double LATENCY_FLOOR_MS = 1;
    private static final double ERROR_RATE_FLOOR = 0.01;
    private static final double REQUEST_RATE_FLOOR = 1;
    private static final double KPI_FLOOR = 1;

    private HostFeatures() {
    }

    /**
     * @param memoryTrendPerMinute how fast memory use rises, fraction per minute ({@link #trendPerMinute})
     * @param stepsPerMinute       deployment velocity: host steps the deployment completed per minute
     * @param peers                features of the deployment's other hosts over the same window, in these names
     */
    public static double[] extract(Window recent, Window baseline, double memoryTrendPerMinute, double stepsPerMinute,
                                   List<double[]> peers) {
        double[] own = ownFeatures(recent, baseline, memoryTrendPerMinute, stepsPerMinute);
        double[] features = Arrays.copyOf(own, NAMES.size());
        for (int i = 0; i < PEER_COMPARED.size(); i++) {
            int compared = index(PEER_COMPARED.get(i));
            features[own.length + i] = peerRatio(own[compared], peers.stream().mapToDouble(peer -> peer[compared]));
        }
        return features;
    }

    private static double[] ownFeatures(Window recent, Window baseline, double memoryTrendPerMinute,
                                        double stepsPerMinute) {
        return new double[] {
            recent.cpuMean(), recent.cpuMax(), ratio(recent.cpuMean(), baseline.cpuMean(), UTILISATION_FLOOR),
            recent.memoryMean(), ratio(recent.memoryMean(), baseline.memoryMean(), UTILISATION_FLOOR),
            memoryTrendPerMinute,
            recent.latencyMs(), ratio(recent.latencyMs(), baseline.latencyMs(), LATENCY_FLOOR_MS),
            recent.errorRate(), ratio(recent.errorRate(), baseline.errorRate(), ERROR_RATE_FLOOR),
            kpiDeviation(recent.kpis(), baseline.kpis()),
            stepsPerMinute,
            ratio(recent.requestRate(), baseline.requestRate(), REQUEST_RATE_FLOOR)
        };
    }

    public static int index(String name) {
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no host feature " + name);
        }
        return index;
    }

    /** The features by name, in {@link #NAMES} order: the inputs a decision reports. */
    public static Map<String, Double> named(double[] features) {
        Map<String, Double> named = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            named.put(NAMES.get(i), features[i]);
        }
        return named;
    }

    /** Least-squares slope of equally spaced window means, per minute; 0 with fewer than two windows. */
    public static double trendPerMinute(List<Double> means, Duration windowLength) {
        int n = means.size();
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = means.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (i - meanX) * (means.get(i) - meanY);
            variance += (i - meanX) * (i - meanX);
        }
        return covariance / variance / (windowLength.toMillis() / 60_000.0);
    }

    /** Without peers (one host, or none scored yet) the host is compared with peers at their baselines. */
    private static double peerRatio(double own, DoubleStream peers) {
        double[] sorted = peers.filter(r -> r > 0).sorted().toArray();
        int mid = sorted.length / 2;
        double median = sorted.length == 0 ? 1
                : sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return Math.max(1 / MAX_RATIO, Math.min(MAX_RATIO, own / median));
    }

    /** The KPI furthest from its baseline, either way, as a ratio ≥ 1; 1 when no KPI is shared. */
    private static double kpiDeviation(Map<String, Double> recent, Map<String, Double> baseline) {
        double worst = 1;
        for (Map.Entry<String, Double> kpi : recent.entrySet()) {
            Double base = baseline.get(kpi.getKey());
            if (base != null) {
                double r = ratio(kpi.getValue(), base, KPI_FLOOR);
                worst = Math.max(worst, Math.max(r, 1 / r));
            }
        }
        return Math.min(MAX_RATIO, worst);
    }

    private static double ratio(double value, double baseline, double floor) {
        return Math.min(MAX_RATIO, (Math.max(0, value) + floor) / (Math.max(0, baseline) + floor));
    }
}
