package dev.foresight.predict.risk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature vector of one host during a deployment, from a short window of its telemetry compared
 * with the host's own baseline from before the deployment. Ratios to the baseline carry most of the
 * signal: a host that always runs at 80% CPU is not at risk at 80%; one that usually runs at 30% is.
 *
 * <p>Names follow the {@link RiskPrior} conventions: {@code *_ratio} is 1 at the baseline,
 * {@code *_trend} is 0 when flat. Ratios are smoothed by a per-metric floor, so a metric near zero
 * (an error rate of 0.1%) does not turn noise into a 10x alarm, and capped at {@link #MAX_RATIO}.
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
            "load_ratio");

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
     */
    public static double[] extract(Window recent, Window baseline, double memoryTrendPerMinute, double stepsPerMinute) {
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
