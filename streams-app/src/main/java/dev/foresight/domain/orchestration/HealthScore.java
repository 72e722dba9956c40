package dev.foresight.domain.orchestration;

import java.util.Map;

/** The composite score in [0, 1], its status, and each component's score and raw input. */
public record HealthScore(double score, Status status, Map<String, Double> inputs) {

    public enum Status { HEALTHY, DEGRADED, UNHEALTHY }

    public HealthScore {
        inputs = Map.copyOf(inputs);
    }

    /** What recovery, breakers and blue-green count as a failed check. */
    public boolean failed() {
        return status == Status.UNHEALTHY;
    }
}
