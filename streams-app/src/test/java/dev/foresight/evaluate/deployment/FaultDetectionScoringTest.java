package dev.foresight.evaluate.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.producers.sim.DeploymentOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultDetectionScoringTest {

    private static final Instant T = Instant.parse("2026-01-05T08:00:00Z");
    private static final double THRESHOLD = 0.9;

    private static final DeploymentOutcome WARNED_FAILURE = failure("d1", Map.of("h1", T.plusSeconds(60)));
    private static final DeploymentOutcome HEALTHY = success("d2");
    private static final DeploymentOutcome LATE_WARNED_FAILURE = failure("d3", Map.of("h1", T.plusSeconds(60)));
    private static final DeploymentOutcome SILENT_FAILURE = failure("d4", Map.of());
    private static final DeploymentOutcome QUIET_HEALTHY = success("d5");
    private static final List<DeploymentOutcome> OUTCOMES =
            List.of(WARNED_FAILURE, HEALTHY, LATE_WARNED_FAILURE, SILENT_FAILURE, QUIET_HEALTHY);
    private static final List<RiskObservation> RISKS = List.of(
            risk("d1", 100, 0.5), risk("d1", 200, 0.95), risk("d1", 300, 0.97),
            risk("d2", 100, 0.92),
            risk("d3", 450, 0.99),
            risk("d5", 100, 0.89));

    @Test
    void shouldCountADeploymentAsFlaggedOnlyIfRiskCrossedBeforeItEnded() {
        InjectedFaultReport report = FaultDetectionScoring.score(OUTCOMES, RISKS, List.of(), THRESHOLD);

        assertEquals(new Confusion(1, 1, 1, 1), report.warned());
    }

    @Test
    void shouldCountSilentFailuresOnlyAmongAllFaults() {
        InjectedFaultReport report = FaultDetectionScoring.score(OUTCOMES, RISKS, List.of(), THRESHOLD);

        assertEquals(new Confusion(1, 1, 2, 1), report.all());
    }

    @Test
    void shouldMeasureLeadTimeFromFirstCrossingToFailureAndDelayFromFirstSigns() {
        InjectedFaultReport report = FaultDetectionScoring.score(OUTCOMES, RISKS, List.of(), THRESHOLD);

        assertEquals(List.of(Duration.ofSeconds(200)), report.leadTimes());
        assertEquals(List.of(Duration.ofSeconds(140)), report.delays());
    }

    @Test
    void shouldTallyRollbacksOfFailedAndHealthyDeploymentsAndWhatTheyKept() {
        List<RollbackObservation> rollbacks = List.of(
                new RollbackObservation("d1", T.plusSeconds(250), 2, 1, 0),
                new RollbackObservation("d1", T.plusSeconds(260), 5, 0, 0),
                new RollbackObservation("d2", T.plusSeconds(120), 0, 3, 1));

        RollbackTally tally = FaultDetectionScoring.score(OUTCOMES, RISKS, rollbacks, THRESHOLD).rollbacks();

        assertEquals(new RollbackTally(1, 1, 1, 2, 4, 1), tally);
    }

    private static RiskObservation risk(String deployment, long seconds, double risk) {
        return new RiskObservation(deployment, "h1", T.plusSeconds(seconds), risk);
    }

    private static DeploymentOutcome failure(String id, Map<String, Instant> warnings) {
        return new DeploymentOutcome(id, "svc", "1.0.0", "1.1.0", List.of("h1", "h2"), T, T.plusSeconds(400),
                true, "h1", "verification failed", warnings);
    }

    private static DeploymentOutcome success(String id) {
        return new DeploymentOutcome(id, "svc", "1.0.0", "1.1.0", List.of("h1", "h2"), T, T.plusSeconds(400),
                false, null, "completed", Map.of());
    }
}
