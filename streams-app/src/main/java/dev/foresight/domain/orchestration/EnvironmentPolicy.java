package dev.foresight.domain.orchestration;

import java.time.Duration;

/**
 * Everything an environment (dev, staging, prod) may set differently: its SLA target, how health is
 * weighted, how restarts back off, when breakers open, and how blue-green validates.
 */
public record EnvironmentPolicy(double slaTarget, HealthWeights weights, RecoverySettings recovery,
                                BreakerSettings breaker, int greenHealthyChecks, Duration revertWindow) {

    public EnvironmentPolicy {
        if (!(slaTarget > 0 && slaTarget <= 1)) {
            throw new IllegalArgumentException("slaTarget must be in (0, 1], got " + slaTarget);
        }
    }

    /** 99.9 %; restarts after 3 failed checks, 2 s doubling to 60 s with 20 % jitter, 5 attempts; 50 % of 10 checks opens for 20 s. */
    public static EnvironmentPolicy defaults() {
        return new EnvironmentPolicy(0.999, HealthWeights.defaults(),
                new RecoverySettings(3, 2, Duration.ofSeconds(10), Duration.ofMinutes(5),
                        new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(60), 0.2, 5)),
                new BreakerSettings(10, 4, 0.5, Duration.ofSeconds(20), 2),
                3, Duration.ofMinutes(5));
    }

    public EnvironmentPolicy withSlaTarget(double target) {
        return new EnvironmentPolicy(target, weights, recovery, breaker, greenHealthyChecks, revertWindow);
    }

    public EnvironmentPolicy withWeights(HealthWeights w) {
        return new EnvironmentPolicy(slaTarget, w, recovery, breaker, greenHealthyChecks, revertWindow);
    }

    public EnvironmentPolicy withBackoff(Duration base, Duration cap, int maxAttempts) {
        Backoff b = recovery.backoff();
        return new EnvironmentPolicy(slaTarget, weights, new RecoverySettings(recovery.failuresToRestart(),
                recovery.successesToRecover(), recovery.restartGrace(), recovery.stableAfter(),
                new Backoff(base, b.factor(), cap, b.jitter(), maxAttempts)), breaker, greenHealthyChecks, revertWindow);
    }

    public EnvironmentPolicy withBreaker(double failureRate, Duration openFor) {
        return new EnvironmentPolicy(slaTarget, weights, recovery, new BreakerSettings(breaker.window(),
                breaker.minChecks(), failureRate, openFor, breaker.probes()), greenHealthyChecks, revertWindow);
    }

    public EnvironmentPolicy withBlueGreen(int healthyChecks, Duration window) {
        return new EnvironmentPolicy(slaTarget, weights, recovery, breaker, healthyChecks, window);
    }
}
