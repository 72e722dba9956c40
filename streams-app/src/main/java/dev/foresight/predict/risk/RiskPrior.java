package dev.foresight.predict.risk;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hand-set logistic weights: what the model believes before it has seen an outcome.
 * {@code logit = bias + Σ weight(name) · value}, where a ratio ({@code *_ratio}, 1 = the host's
 * baseline) enters as its natural log, so halving and doubling weigh alike and a 20x outlier cannot
 * swamp every other sign. Features the prior does not name weigh nothing.
 */
public record RiskPrior(Map<String, Double> weights, double bias) {

    /** Probability of failure of a host that looks exactly like its baseline. */
    static final double BASELINE_RISK = 0.02;
    /** Per e-fold of a ratio to the baseline whose meaning is not known. */
    static final double RATIO_WEIGHT = 1.5;
    /** Per unit of a trend ({@code *_trend}, 0 = flat), read as a fraction per minute: +0.025/min adds 1. */
    static final double TREND_WEIGHT = 40;
    /** Per standard deviation away from normal ({@code *_zscore}, 0 = normal). */
    static final double ZSCORE_WEIGHT = 0.5;
    private static final String RATIO_SUFFIX = "_ratio";

    /**
     * Host features whose meaning is known ({@link HostFeatures}): errors are the sharpest symptom of a
     * bad release, then latency and memory; CPU rises with any load; KPI deviation counts either way and
     * moves with traffic, so it weighs little. Each of the three symptoms weighs half against the host's
     * baseline and half against its peers ({@code *_peer_ratio}): a host that strays alone counts fully,
     * one that strays with all its peers (something reached the whole service) half. Load explains
     * symptoms: when traffic doubles, latency and errors may follow without anything being wrong, so load
     * weighs against them, almost as much as the symptoms that scale with it (errors, latency, memory and
     * CPU against the baseline ≈ 3.75) together.
     */
    static final Map<String, Double> KNOWN_WEIGHTS = Map.of(
            "error_rate_ratio", 1.5, "error_rate_peer_ratio", 1.5, "latency_ratio", 1.0, "latency_peer_ratio", 1.0,
            "memory_ratio", 0.75, "memory_peer_ratio", 0.75, "kpi_deviation_ratio", 0.25, "cpu_ratio", 0.5,
            "load_ratio", -3.0, "memory_trend", TREND_WEIGHT);

    public RiskPrior {
        weights = Map.copyOf(weights);
    }

    /** No opinion: every host scores {@code sigmoid(bias)} until the model learns. */
    public static RiskPrior flat(double probability) {
        return new RiskPrior(Map.of(), logit(probability));
    }

    /**
     * Weights of the {@link #KNOWN_WEIGHTS known} features, and of the others by naming convention; a
     * host at its baseline (ratios 1, trends and z-scores 0) scores {@link #BASELINE_RISK}.
     */
    public static RiskPrior byConvention(List<String> featureNames) {
        Map<String, Double> weights = new HashMap<>();
        for (String name : featureNames) {
            double weight = KNOWN_WEIGHTS.getOrDefault(name, conventionalWeight(name.toLowerCase(Locale.ROOT)));
            if (weight != 0) {
                weights.put(name, weight);
            }
        }
        return new RiskPrior(weights, logit(BASELINE_RISK));
    }

    /** A ratio to a baseline: positive, multiplicative, read on a log scale by prior and learner alike. */
    static boolean isRatio(String featureName) {
        return featureName.toLowerCase(Locale.ROOT).endsWith(RATIO_SUFFIX);
    }

    private static double conventionalWeight(String lowerName) {
        if (lowerName.endsWith(RATIO_SUFFIX)) {
            return RATIO_WEIGHT;
        }
        if (lowerName.endsWith("_trend")) {
            return TREND_WEIGHT;
        }
        return lowerName.endsWith("_zscore") ? ZSCORE_WEIGHT : 0;
    }

    /** The weights in the order of {@code featureNames}. */
    double[] alignedTo(List<String> featureNames) {
        double[] aligned = new double[featureNames.size()];
        for (int i = 0; i < aligned.length; i++) {
            aligned[i] = weights.getOrDefault(featureNames.get(i), 0.0);
        }
        return aligned;
    }

    static double logit(double probability) {
        return Math.log(probability / (1 - probability));
    }
}
