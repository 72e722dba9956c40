package dev.foresight.domain.orchestration;

import dev.foresight.domain.orchestration.BreakerState.Phase;
import java.util.Map;
import java.util.Optional;

/**
 * What one check changed: the service's new status, its score, its availability per window, and what
 * recovery, the breaker and blue-green ask for. A candidate (idle slot) check is scored for blue-green
 * only: it neither counts towards the SLA nor trips breakers or restarts.
 */
public record Evaluation(ServiceStatus status, HealthScore score, boolean candidate, Map<String, Double> availability,
                         boolean slaMet, Optional<Recovery.Action> recovery, Optional<Phase> breakerEntered,
                         Optional<BlueGreen.Action> blueGreen) {

    public Evaluation {
        availability = Map.copyOf(availability);
    }
}
