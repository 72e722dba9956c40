package dev.foresight.domain.orchestration;

import java.time.Instant;
import java.util.List;

/** A breaker's phase, its window of outcomes (newest last, true = failed), when it opened, probes passed. */
public record BreakerState(Phase phase, List<Boolean> outcomes, Instant openedAt, int probeSuccesses) {

    public enum Phase { CLOSED, OPEN, HALF_OPEN }

    public BreakerState {
        outcomes = List.copyOf(outcomes);
    }

    public static BreakerState closed() {
        return new BreakerState(Phase.CLOSED, List.of(), null, 0);
    }

    public boolean isClosed() {
        return phase == Phase.CLOSED;
    }
}
