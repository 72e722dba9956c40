package dev.foresight.evaluate.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.producers.sim.DeploymentOutcome;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.common.ResourceKind;
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
        Detection detection = FaultDetectionScoring.score("abort", THRESHOLD, OUTCOMES, RISKS);

        assertEquals(new Confusion(1, 1, 1, 1), detection.warned());
    }

    @Test
    void shouldScoreSilentFailuresApartAndAmongAllFaults() {
        Detection detection = FaultDetectionScoring.score("abort", THRESHOLD, OUTCOMES, RISKS);

        assertEquals(new Confusion(0, 1, 1, 1), detection.silent());
        assertEquals(new Confusion(1, 1, 2, 1), detection.all());
    }

    @Test
    void shouldMeasureLeadTimeFromFirstCrossingToFailureAndDelayFromFirstSigns() {
        Detection detection = FaultDetectionScoring.score("abort", THRESHOLD, OUTCOMES, RISKS);

        assertEquals(List.of(Duration.ofSeconds(200)), detection.leadTimes());
        assertEquals(List.of(Duration.ofSeconds(140)), detection.delays());
    }

    @Test
    void shouldTallyRollbacksOfFailedAndHealthyDeploymentsAndWhatTheyKeptPerResourceKind() {
        List<RollbackObservation> rollbacks = List.of(
                rollback("d1", 400, Map.of(ResourceKind.DB_SCHEMA, BlendVerdict.KEEP, ResourceKind.ARTIFACT, BlendVerdict.REVERT)),
                rollback("d1", 410, Map.of(ResourceKind.CONFIG_KEY, BlendVerdict.KEEP)),
                rollback("d2", 120, Map.of(ResourceKind.AVRO_SCHEMA, BlendVerdict.CONFLICT, ResourceKind.ARTIFACT,
                        BlendVerdict.REVERT)));

        RollbackTally tally = RollbackTally.of(OUTCOMES, rollbacks);

        assertEquals(List.of(1, 1, 1, 1, 2, 1), List.of(tally.failedRolledBack(), tally.healthyRolledBack(),
                tally.keptSomething(), tally.kept(), tally.reverted(), tally.conflicts()), "the first rollback of each");
        assertEquals(Map.of(BlendVerdict.REVERT, 2), tally.verdictsByKind().get(ResourceKind.ARTIFACT));
    }

    @Test
    void shouldTallyAllocationsAndAbortsIssuedBeforeEachDeploymentEnded() {
        List<AllocationObservation> allocations = List.of(
                new AllocationObservation("d1", AllocationAction.THROTTLE, T.plusSeconds(200)),
                new AllocationObservation("d1", AllocationAction.THROTTLE, T.plusSeconds(250)),
                new AllocationObservation("d1", AllocationAction.REVERT, T.plusSeconds(300)),
                new AllocationObservation("d3", AllocationAction.SHIFT_TRAFFIC, T.plusSeconds(450)),
                new AllocationObservation("d2", AllocationAction.BOOST, T.plusSeconds(100)));
        List<RollbackObservation> rollbacks = List.of(rollback("d1", 340, Map.of()), rollback("d3", 400, Map.of()));

        List<ActionTally> tallies = ActionTally.of(OUTCOMES, allocations, rollbacks);

        ActionTally warned = tallies.get(0);
        assertEquals(2, warned.deployments());
        assertEquals(Map.of(AllocationAction.THROTTLE, 1), warned.acted(), "d3 shifted traffic only after it failed");
        assertEquals(1, warned.aborted(), "d3 was rolled back when it failed, not before");
        assertEquals(List.of(Duration.ofSeconds(60)), warned.abortLeads());
        assertEquals(Map.of(AllocationAction.BOOST, 1), tallies.get(2).acted());
    }

    private static RollbackObservation rollback(String deployment, long seconds, Map<ResourceKind, BlendVerdict> blend) {
        return new RollbackObservation(deployment, T.plusSeconds(seconds), blend.entrySet().stream()
                .map(e -> new RollbackObservation.Blended(e.getKey(), e.getValue())).toList());
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
