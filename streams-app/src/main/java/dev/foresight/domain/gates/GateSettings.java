package dev.foresight.domain.gates;

import java.time.Duration;

/**
 * The quality gates' thresholds. A deployment or a synthesized stage is blocked when any gate fails.
 *
 * @param maxBuildRisk         the latest build's failure risk (builds feature) must stay at or below this
 * @param buildRiskMaxAge      a risk score older than this, at the gated event's time, is no evidence
 * @param maxTestFailureRate   the mean share of failed tests over the latest runs must stay at or below this
 * @param testRuns             how many of the latest test runs that mean covers
 * @param blockOnAnomaly       whether a series of the service in anomaly alert (signals feature) blocks
 * @param blockWithoutEvidence whether a gate with no evidence yet blocks (false: it passes, saying so)
 */
public record GateSettings(double maxBuildRisk, Duration buildRiskMaxAge, double maxTestFailureRate, int testRuns,
                           boolean blockOnAnomaly, boolean blockWithoutEvidence) {

    public GateSettings {
        if (!(maxBuildRisk >= 0 && maxBuildRisk <= 1) || !(maxTestFailureRate >= 0 && maxTestFailureRate <= 1)) {
            throw new IllegalArgumentException("maxBuildRisk and maxTestFailureRate must be in [0, 1]");
        }
        if (buildRiskMaxAge.isNegative() || buildRiskMaxAge.isZero()) {
            throw new IllegalArgumentException("buildRiskMaxAge must be positive, got " + buildRiskMaxAge);
        }
        if (testRuns < 1 || testRuns > 100) {
            throw new IllegalArgumentException("testRuns must be in [1, 100], got " + testRuns);
        }
    }

    public static GateSettings defaults() {
        return new GateSettings(0.5, Duration.ofHours(2), 0.05, 5, true, false);
    }
}
