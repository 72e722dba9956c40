package dev.foresight.evaluate.deployment;

import java.time.Instant;

/** One risk score the guardian emitted for a host during a deployment. */
public record RiskObservation(String deploymentId, String hostId, Instant at, double risk) {
}
