package dev.foresight.domain.orchestration;

import java.time.Duration;

/**
 * A breaker opens when at least {@code minChecks} of the last {@code window} checks were seen and at
 * least {@code failureRate} of them failed; it stays open {@code openFor}, then lets probes through and
 * closes after {@code probes} passed in a row (one failed probe opens it again).
 */
public record BreakerSettings(int window, int minChecks, double failureRate, Duration openFor, int probes) {

    public BreakerSettings {
        if (window < 1 || minChecks < 1 || minChecks > window || probes < 1) {
            throw new IllegalArgumentException("need 1 <= minChecks <= window and probes >= 1");
        }
        if (!(failureRate > 0 && failureRate <= 1) || openFor.isNegative()) {
            throw new IllegalArgumentException("need failureRate in (0, 1] and openFor >= 0");
        }
    }
}
