package dev.foresight.domain.deployment;

import dev.foresight.predict.risk.RiskModelSettings;
import java.time.Duration;

/**
 * Tunables of the deployment guardian.
 *
 * @param window             short window of a host's telemetry that is scored when it closes
 * @param trendWindows       closed windows the memory trend is fitted over
 * @param labelHorizon       a scored window is labelled by whether its host failed within this long after
 *                           it: once it is that old in a running deployment it is learned as a success;
 *                           the windows still that recent when the deployment ends take its outcome
 * @param baselineTime       time constant of a host's baseline outside deployments
 * @param minBaselineSamples samples a baseline needs before it is trusted; else the host's first window
 *                           of the deployment stands in for it
 * @param abortRisk          risk that, held on any host for {@code abortAfter}, makes the guardian abort
 * @param validationWindow   how long the restored version is watched after a rollback
 * @param minProbes          health probes needed to call a rollback validated
 * @param minHealthyShare    share of those probes that must be healthy
 * @param tick               stream-time interval of expiry and validation checks
 * @param retainFinished     how long a finished deployment stays in the store
 */
public record DeploymentSettings(Duration window, int trendWindows, Duration labelHorizon, Duration baselineTime,
                                 long minBaselineSamples, RiskAllocationSettings allocation, double abortRisk,
                                 Duration abortAfter, Duration validationWindow, int minProbes,
                                 double minHealthyShare, Duration tick, Duration retainFinished,
                                 RiskModelSettings model) {

    /** Scored windows a host keeps until its outcome labels them: the label horizon, in windows. */
    int labelWindows() {
        return (int) Math.max(1, labelHorizon.toMillis() / window.toMillis());
    }

    public static DeploymentSettings defaults() {
        return new DeploymentSettings(Duration.ofMinutes(1), 5, Duration.ofMinutes(10), Duration.ofMinutes(10), 6,
                RiskAllocationSettings.defaults(), 0.9, Duration.ofMinutes(2), Duration.ofMinutes(10), 3, 0.9,
                Duration.ofSeconds(10), Duration.ofDays(1), RiskModelSettings.defaults());
    }
}
