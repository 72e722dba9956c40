package dev.foresight.domain.orchestration;

import java.util.HashMap;
import java.util.Map;

/**
 * Composite health: a weighted mean of component scores, each in [0, 1]. A failed probe is unhealthy
 * whatever the rest says, since the service did not answer as it should.
 *
 * <ul>
 *   <li>check: 1 if the probe passed;</li>
 *   <li>latency: 1 up to {@code latencyGoodMs}, falling linearly to 0 at {@code latencyBadMs};</li>
 *   <li>errors: 1 − error rate / {@code maxErrorRate}, floored at 0;</li>
 *   <li>resources: 1 while the busier of cpu and memory is under {@code comfortableUtilization}, 0 at 100 %.</li>
 * </ul>
 * Components the check did not report are left out and the weights of the others renormalized.
 */
public final class HealthScorer {

    private static final double HEALTHY_AT = 0.75;
    private static final double DEGRADED_AT = 0.5;

    private final HealthWeights weights;
    private final double latencyGoodMs;
    private final double latencyBadMs;
    private final double maxErrorRate;
    private final double comfortableUtilization;

    public HealthScorer(HealthWeights weights, double latencyGoodMs, double latencyBadMs, double maxErrorRate,
                        double comfortableUtilization) {
        if (!(latencyBadMs > latencyGoodMs) || !(maxErrorRate > 0) || !(comfortableUtilization < 1)) {
            throw new IllegalArgumentException("need latencyBadMs > latencyGoodMs, maxErrorRate > 0, comfortable < 1");
        }
        this.weights = weights;
        this.latencyGoodMs = latencyGoodMs;
        this.latencyBadMs = latencyBadMs;
        this.maxErrorRate = maxErrorRate;
        this.comfortableUtilization = comfortableUtilization;
    }

    /** 250 ms good, 2 s bad, 20 % errors is zero, resources comfortable under 80 %. */
    public static HealthScorer withWeights(HealthWeights weights) {
        return new HealthScorer(weights, 250, 2000, 0.2, 0.8);
    }

    public HealthWeights weights() {
        return weights;
    }

    public HealthScore score(HealthInputs in) {
        Map<String, Double> components = new HashMap<>();
        components.put("check", in.healthy() ? 1.0 : 0.0);
        components.put("latency", 1 - clamp((in.latencyMs() - latencyGoodMs) / (latencyBadMs - latencyGoodMs)));
        if (in.errorRate() != null) {
            components.put("errors", 1 - clamp(in.errorRate() / maxErrorRate));
        }
        Double busiest = max(in.cpuUtilization(), in.memoryUtilization());
        if (busiest != null) {
            components.put("resources", 1 - clamp((busiest - comfortableUtilization) / (1 - comfortableUtilization)));
        }
        double score = weightedMean(components);
        Map<String, Double> inputs = new HashMap<>();
        components.forEach((name, value) -> inputs.put(name + "Score", value));
        inputs.put("healthy", in.healthy() ? 1.0 : 0.0);
        inputs.put("latencyMs", in.latencyMs());
        putIfPresent(inputs, "errorRate", in.errorRate());
        putIfPresent(inputs, "cpuUtilization", in.cpuUtilization());
        putIfPresent(inputs, "memoryUtilization", in.memoryUtilization());
        return new HealthScore(score, status(in.healthy(), score), inputs);
    }

    private double weightedMean(Map<String, Double> components) {
        Map<String, Double> w = weights.asMap();
        double sum = 0;
        double total = 0;
        for (Map.Entry<String, Double> c : components.entrySet()) {
            sum += w.get(c.getKey()) * c.getValue();
            total += w.get(c.getKey());
        }
        return total == 0 ? components.get("check") : sum / total;
    }

    private static HealthScore.Status status(boolean healthy, double score) {
        if (!healthy || score < DEGRADED_AT) {
            return HealthScore.Status.UNHEALTHY;
        }
        return score >= HEALTHY_AT ? HealthScore.Status.HEALTHY : HealthScore.Status.DEGRADED;
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    private static void putIfPresent(Map<String, Double> map, String key, Double value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
