package dev.foresight.domain.orchestration;

import java.time.Instant;

/**
 * Where a service stands in its current incident: checks failed and passed in a row, restarts issued,
 * whether it was escalated, since when it fails (null when healthy), since when it is healthy, and the
 * earliest time the next restart may be issued.
 */
public record RecoveryState(int consecutiveFailures, int consecutiveSuccesses, int attempt, boolean escalated,
                            Instant failingSince, Instant healthySince, Instant nextRestartAt) {

    public static RecoveryState healthy() {
        return new RecoveryState(0, 0, 0, false, null, null, null);
    }

    public boolean failing() {
        return failingSince != null;
    }
}
