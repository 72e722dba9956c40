package dev.foresight.domain.orchestration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** How much each component counts in the composite health score; only their ratios matter. */
public record HealthWeights(double check, double latency, double errors, double resources) {

    public static final Set<String> NAMES = Set.of("check", "latency", "errors", "resources");

    public HealthWeights {
        for (double w : new double[] {check, latency, errors, resources}) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("health weights must be finite and >= 0, got " + w);
            }
        }
        if (check + latency + errors + resources <= 0) {
            throw new IllegalArgumentException("at least one health weight must be positive");
        }
    }

    public static HealthWeights defaults() {
        return new HealthWeights(0.4, 0.2, 0.25, 0.15);
    }

    /** These weights with the ones named in {@code overrides} replaced; an unknown name is an error. */
    public HealthWeights with(Map<String, Double> overrides) {
        overrides.keySet().stream().filter(name -> !NAMES.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown health weight '" + name + "', expected one of " + NAMES);
        });
        return new HealthWeights(overrides.getOrDefault("check", check), overrides.getOrDefault("latency", latency),
                overrides.getOrDefault("errors", errors), overrides.getOrDefault("resources", resources));
    }

    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("check", check);
        map.put("latency", latency);
        map.put("errors", errors);
        map.put("resources", resources);
        return map;
    }
}
