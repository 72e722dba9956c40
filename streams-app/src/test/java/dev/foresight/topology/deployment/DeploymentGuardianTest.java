package dev.foresight.topology.deployment;

import static dev.foresight.topology.deployment.GuardianScenario.DEPLOYMENT;
import static dev.foresight.topology.deployment.GuardianScenario.FROM;
import static dev.foresight.topology.deployment.GuardianScenario.HOST;
import static dev.foresight.topology.deployment.GuardianScenario.OTHER_HOST;
import static dev.foresight.topology.deployment.GuardianScenario.TO;
import static dev.foresight.topology.deployment.GuardianScenario.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.deployment.GuardCommands;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.TargetKind;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.DeploymentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentGuardianTest {

    @TempDir
    Path stateDir;

    private GuardianScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new GuardianScenario(stateDir, new ErrorRateIsRisk());
        scenario.baseline(List.of(HOST, OTHER_HOST), -3, 0);
        scenario.start(at(0, 0));
    }

    @AfterEach
    void tearDown() {
        scenario.close();
    }

    /** Risk 0.30, 0.55, 0.62 (saturated), 0.72 (saturated) in minutes 0-3, scored as each minute closes. */
    private void warningSigns() {
        scenario.window(HOST, 0, 0.30, false);
        scenario.window(HOST, 1, 0.55, false);
        scenario.window(HOST, 2, 0.62, true);
        scenario.window(HOST, 3, 0.72, true);
        scenario.closeWindow(HOST, 4);
    }

    @Test
    void shouldPublishRisingRiskScoresForAHostShowingWarningSigns() {
        warningSigns();
        List<RiskScore> scores = scenario.risks.readValuesToList();
        assertEquals(List.of(0.30, 0.55, 0.62, 0.72), scores.stream().map(s -> round(s.getScore())).toList());
        RiskScore last = scores.get(3);
        assertEquals(DEPLOYMENT, last.getDeploymentId());
        assertEquals("error-rate@0", last.getDecision().getVersion());
        assertEquals(0.72, round(last.getDecision().getInputs().get("error_rate")));
        assertTrue(last.getDecision().getInputs().get("error_rate_ratio") > 10, "72% errors against a 1% baseline");
    }

    @Test
    void shouldThrottleBoostShiftAndScaleDependentsBeforeTheDeploymentFails() {
        warningSigns();
        scenario.fail(HOST, at(4, 5));
        List<AllocationCommand> commands = scenario.allocations.readValuesToList();
        assertEquals(List.of(AllocationAction.THROTTLE, AllocationAction.BOOST, AllocationAction.SHIFT_TRAFFIC,
                AllocationAction.SCALE, AllocationAction.SCALE), commands.stream().map(AllocationCommand::getAction).toList());
        assertEquals(List.of(HOST, HOST, HOST, "cart", "search"), commands.stream().map(AllocationCommand::getTarget).toList());
        assertEquals(TargetKind.SERVICE, commands.get(3).getTargetKind());
        assertTrue(commands.stream().allMatch(c -> c.getIssuedAt().isBefore(at(4, 5))));
        assertTrue(commands.stream().allMatch(c -> DEPLOYMENT.equals(c.getCorrelationId())));
        AllocationCommand boost = commands.get(1);
        assertEquals(at(3, 0).plus(Duration.ofMinutes(5)), boost.getExpiresAt());
        assertEquals(0.6, boost.getDecision().getThresholds().get("enter"));
        assertEquals(0.62, round(boost.getDecision().getInputs().get("risk")));
        assertEquals("error-rate@0", boost.getDecision().getVersion());
        assertEquals(1, scenario.rollbacks.readValuesToList().size());
    }

    @Test
    void shouldNotFlapCommandsWhenRiskOscillatesAroundAThreshold() {
        double[] risks = {0.52, 0.45, 0.53, 0.44, 0.51, 0.46};
        for (int minute = 0; minute < risks.length; minute++) {
            scenario.window(HOST, minute, risks[minute], false);
        }
        scenario.closeWindow(HOST, risks.length);
        List<AllocationCommand> commands = scenario.allocations.readValuesToList();
        assertEquals(List.of(AllocationAction.THROTTLE), commands.stream().map(AllocationCommand::getAction).toList());
    }

    @Test
    void shouldRevertABoostWhenItExpires() {
        for (int minute = 0; minute < 9; minute++) {
            scenario.window(HOST, minute, 0.62, true);
        }
        scenario.closeWindow(HOST, 9);
        List<AllocationCommand> boosts = scenario.allocations.readValuesToList().stream()
                .filter(c -> c.getTarget().equals(HOST) && c.getAction() != AllocationAction.THROTTLE).toList();
        assertEquals(List.of(AllocationAction.BOOST, AllocationAction.REVERT),
                boosts.stream().map(AllocationCommand::getAction).toList());
        assertEquals(boosts.get(0).getExpiresAt(), boosts.get(1).getIssuedAt(), "reverted at the first tick of its expiry");
    }

    @Test
    void shouldAbortADeploymentWhoseHostHoldsAbortLevelRisk() {
        for (int minute = 0; minute < 3; minute++) {
            scenario.window(HOST, minute, 0.95, false);
        }
        scenario.closeWindow(HOST, 3);
        List<RollbackCommand> rollbacks = scenario.rollbacks.readValuesToList();
        assertEquals(1, rollbacks.size());
        assertEquals(GuardCommands.GUARDIAN, rollbacks.get(0).getDecision().getMadeBy());
        assertEquals(at(3, 0), rollbacks.get(0).getIssuedAt(), "risk held from 1:00 to 3:00");
        assertTrue(scenario.stored().getAbortedByGuardian());
    }

    @Test
    void shouldRestoreTheFromVersionWhenTheDeploymentFails() {
        scenario.fail(HOST, at(2, 0));
        RollbackCommand rollback = scenario.rollbacks.readValue();
        assertEquals(FROM, rollback.getRestoreVersion());
        assertEquals(TO, rollback.getFailedVersion());
        assertEquals(GuardCommands.BLEND, rollback.getDecision().getMadeBy());
        assertEquals(DeploymentStatus.ROLLING_BACK, scenario.stored().getStatus());
    }

    @Test
    void shouldLabelTheFailedHostsWindowsWithinTheLabelHorizonAsFailures() {
        warningSigns();
        scenario.fail(HOST, at(4, 5));
        assertEquals(List.of(true, true, true, true), scenario.model.labels, "every scored window of the failed host");
        assertNotNull(scenario.storedModel());
    }

    @Test
    void shouldLearnAWindowAsASuccessOnceItOutlivesTheLabelHorizon() {
        for (int minute = 0; minute < 12; minute++) {
            scenario.window(HOST, minute, 0.02, false);
        }
        scenario.closeWindow(HOST, 12);
        assertEquals(List.of(false, false), scenario.model.labels, "windows of minutes 0 and 1 are 10 windows old");
        assertNotNull(scenario.storedModel(), "checkpointed as soon as it learned");

        scenario.fail(HOST, at(12, 5));
        assertEquals(12, scenario.model.labels.size());
        assertTrue(scenario.model.labels.subList(2, 12).stream().allMatch(failed -> failed), "the last 10 windows failed");
    }

    @Test
    void shouldCompareAHostWithItsPeersOverTheSameWindow() {
        Map<String, Double> bothErring = new LinkedHashMap<>();
        bothErring.put(HOST, 0.3);
        bothErring.put(OTHER_HOST, 0.3);
        Map<String, Double> hostErringAlone = new LinkedHashMap<>();
        hostErringAlone.put(HOST, 0.3);
        hostErringAlone.put(OTHER_HOST, GuardianScenario.BASELINE_ERROR_RATE);
        scenario.windows(0, bothErring, false);
        scenario.windows(1, hostErringAlone, false);
        scenario.closeWindow(HOST, 2);

        List<Double> peerRatios = scenario.risks.readValuesToList().stream().filter(score -> score.getHostId().equals(HOST))
                .map(score -> score.getDecision().getInputs().get("error_rate_peer_ratio")).toList();
        assertEquals(2, peerRatios.size());
        assertEquals(1, peerRatios.get(0), 1e-9, "minute 0: both hosts erred; the peer's window was still open");
        assertEquals(15.5, peerRatios.get(1), 1e-9, "minute 1: this host erred alone");
    }

    @Test
    void shouldNotLearnFromADeploymentTheGuardianAborted() {
        for (int minute = 0; minute < 3; minute++) {
            scenario.window(HOST, minute, 0.95, false);
        }
        scenario.closeWindow(HOST, 3);
        scenario.fail(HOST, at(3, 30));
        assertEquals(List.of(), scenario.model.labels);
    }

    @Test
    void shouldValidateARollbackWhoseRestoredHostsProbeHealthy() {
        warningSigns();
        scenario.fail(HOST, at(4, 5));
        for (int second = 30; second <= 150; second += 30) {
            scenario.probe(HOST, FROM, true, at(5, second));
            scenario.probe(OTHER_HOST, FROM, true, at(5, second + 1));
        }
        scenario.probe(HOST, FROM, true, at(15, 0));

        Alert alert = scenario.alerts.readValue();
        assertEquals(AlertSeverity.INFO, alert.getSeverity());
        assertEquals("rollback-validated", alert.getKind());
        DeploymentState outcome = scenario.outcomes.readValue();
        assertEquals(DeploymentStatus.ROLLED_BACK, outcome.getStatus(), "nothing was applied, so nothing was blended");
        List<AllocationCommand> reverts = scenario.allocations.readValuesToList().stream()
                .filter(c -> c.getAction() == AllocationAction.REVERT).toList();
        assertEquals(List.of(HOST, HOST, HOST, "cart", "search"), reverts.stream().map(AllocationCommand::getTarget).toList(),
                "validated: throttle, boost, traffic shift and dependents' scaling are released");
    }

    @Test
    void shouldEscalateARollbackWhoseRestoredHostsProbeUnhealthy() {
        scenario.fail(HOST, at(1, 0));
        for (int second = 30; second <= 150; second += 30) {
            scenario.probe(HOST, FROM, false, at(2, second));
        }
        scenario.probe(HOST, FROM, true, at(12, 0));

        Alert alert = scenario.alerts.readValue();
        assertEquals(AlertSeverity.CRITICAL, alert.getSeverity());
        assertEquals("rollback-escalation", alert.getKind());
        assertEquals(DeploymentStatus.ESCALATED, scenario.outcomes.readValue().getStatus());
    }

    @Test
    void shouldNotCountProbesOfTheFailedVersionTowardsValidation() {
        scenario.fail(HOST, at(1, 0));
        for (int second = 30; second <= 150; second += 30) {
            scenario.probe(HOST, TO, true, at(2, second));
        }
        scenario.probe(HOST, FROM, true, at(12, 0));
        assertEquals(AlertSeverity.CRITICAL, scenario.alerts.readValue().getSeverity(), "no probe of the restored version");
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
