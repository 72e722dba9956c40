package dev.foresight.domain.orchestration;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with jitter and a cap: attempt n waits {@code base × factor^(n−1)}, moved by up to
 * ± {@code jitter} of itself, never more than {@code cap}. The jitter is drawn from a seed, so the same
 * incident reprocessed gets the same delays. Jitter is bounded so that, below the cap, every attempt
 * still waits longer than the previous one.
 */
public record Backoff(Duration base, double factor, Duration cap, double jitter, int maxAttempts) {

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + ", cap " + cap);
        }
        if (!(factor > 1) || !(jitter >= 0) || (1 + jitter) >= factor * (1 - jitter)) {
            throw new IllegalArgumentException("need factor > 1 and 0 <= jitter with (1 + jitter) < factor (1 - jitter),"
                    + " got factor " + factor + ", jitter " + jitter);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
    }

    /** The wait before restart {@code attempt} (1-based) of the incident identified by {@code seed}. */
    public Duration delay(int attempt, long seed) {
        double raw = base.toMillis() * Math.pow(factor, attempt - 1.0);
        double u = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * attempt)).nextDouble();
        double jittered = raw * (1 + jitter * (2 * u - 1));
        return Duration.ofMillis(Math.round(Math.min(cap.toMillis(), jittered)));
    }

    /** True once {@code attemptsMade} restarts have not helped: the next step is escalation. */
    public boolean exhausted(int attemptsMade) {
        return attemptsMade >= maxAttempts;
    }
}
