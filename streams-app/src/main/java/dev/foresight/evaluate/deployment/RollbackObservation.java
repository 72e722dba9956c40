package dev.foresight.evaluate.deployment;

import java.time.Instant;

/** One rollback the guardian ordered, with how it blended the failed attempt's resources. */
public record RollbackObservation(String deploymentId, Instant at, int kept, int reverted, int conflicts) {
}
