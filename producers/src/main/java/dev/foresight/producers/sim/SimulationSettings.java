package dev.foresight.producers.sim;

import dev.foresight.producers.Speedup;
import java.time.Duration;
import java.time.Instant;

/** Everything that shapes a simulation run; built by {@link Simulation.Builder}. */
record SimulationSettings(long seed, Instant start, int services, int hostsPerService, Speedup speedup,
                          double deploymentFailureRate, double silentFailureFraction,
                          Duration meanDeploymentInterval, Duration meanWorkflowInterval) {

    SimulationSettings {
        requirePositive(services, "services");
        requirePositive(hostsPerService, "hostsPerService");
        requireFraction(deploymentFailureRate, "deploymentFailureRate");
        requireFraction(silentFailureFraction, "silentFailureFraction");
        if (meanDeploymentInterval.isNegative() || meanDeploymentInterval.isZero()
                || meanWorkflowInterval.isNegative() || meanWorkflowInterval.isZero()) {
            throw new IllegalArgumentException("mean intervals must be positive");
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    private static void requireFraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }
}
