package dev.foresight.topology.deployment;

import static dev.foresight.topology.deployment.GuardianScenario.HOST;
import static dev.foresight.topology.deployment.GuardianScenario.OTHER_HOST;
import static dev.foresight.topology.deployment.GuardianScenario.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.deployment.GuardCommands;
import dev.foresight.domain.hostrisk.HostRiskSettings;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.state.DeploymentStatus;
import dev.foresight.schema.state.HostBaseline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guardian reads continuous host risk: a host continuous scoring already held in alert before the rollout is
 * degrading on its own, so traffic is shifted away from it and the rollout is neither throttled nor aborted on it.
 * The same rollout on a host that was healthy before it is throttled and aborted.
 */
class PreRolloutDegradationTest {

    /** Thresholds a small test service reaches within minutes, with production's debounce. */
    private static final HostRiskSettings HOST_RISK = HostRiskSettings.defaults().withThresholds(0.25, 0.15);

    @TempDir
    Path stateDir;

    private GuardianScenario scenario;

    @AfterEach
    void tearDown() {
        scenario.close();
    }

    /**
     * The two hosts the rollout will run on and two more of the service, which continuous scoring compares them
     * with (the median of three peers is not moved by one sick host): 30 healthy minutes (scoring warms up over
     * 20), then {@code sickMinutes} of HOST failing, then the rollout starts.
     */
    private void before(int sickMinutes) {
        scenario = new GuardianScenario(stateDir, new ErrorRateIsRisk(), HOST_RISK);
        List<String> service = List.of(HOST, OTHER_HOST, "host-3", "host-4");
        scenario.baseline(service, -40, -sickMinutes);
        scenario.degrading(HOST, service, -sickMinutes, 0, 0.55);
        scenario.start(at(0, 0));
    }

    /** HOST at risk 0.95 through minutes 0-3 of the rollout, its peer healthy; then the rollout completes. */
    private void rollout() {
        for (int minute = 0; minute < 4; minute++) {
            scenario.windows(minute, Map.of(HOST, 0.95, OTHER_HOST, GuardianScenario.BASELINE_ERROR_RATE), false);
        }
        scenario.closeWindow(HOST, 4);
        scenario.closeWindow(OTHER_HOST, 4);
        scenario.complete(at(4, 30));
    }

    @Test
    void shouldShiftTrafficAwayFromAHostAlreadyAlertingBeforeTheRolloutInsteadOfThrottlingOrAborting() {
        before(10);
        List<Alert> hostAlerts = scenario.alerts.readValuesToList().stream()
                .filter(a -> a.getKind().equals("host-risk")).toList();
        assertEquals(HOST, hostAlerts.get(0).getSubject());
        assertEquals(AlertSeverity.WARNING, hostAlerts.get(0).getSeverity());
        assertTrue(hostAlerts.get(0).getIssuedAt().isBefore(at(0, 0)), "continuous risk alerted before the rollout");
        HostBaseline baseline = scenario.storedBaseline(HOST);
        assertNotNull(baseline.getHostRiskAlertingSince());
        assertNull(scenario.storedBaseline(OTHER_HOST).getHostRiskAlertingSince());

        rollout();

        List<AllocationCommand> commands = scenario.allocations.readValuesToList();
        assertEquals(List.of(AllocationAction.SHIFT_TRAFFIC, AllocationAction.REVERT),
                commands.stream().map(AllocationCommand::getAction).toList(), "no THROTTLE, no SCALE: " + commands);
        AllocationCommand shift = commands.get(0);
        assertEquals(HOST, shift.getTarget());
        assertEquals(at(0, 0), shift.getIssuedAt(), "shifted when its baseline arrived, before any rollout window");
        assertTrue(shift.getDecision().getExplanation().contains("already degrading before the rollout"));
        assertTrue(shift.getDecision().getEvidence().get("host.degradedBeforeRollout").contains("before the rollout"));
        assertTrue(shift.getDecision().getEvidence().get("host.continuousRisk").contains("in alert since"));
        assertTrue(scenario.rollbacks.readValuesToList().isEmpty(), "risk 0.95 for 4 min, but the guardian did not abort");
        assertEquals(DeploymentStatus.SUCCEEDED, scenario.stored().getStatus());
    }

    @Test
    void shouldThrottleAndAbortTheSameRolloutWhenTheHostWasHealthyBeforeIt() {
        before(0);
        assertTrue(scenario.alerts.readValuesToList().stream().noneMatch(a -> a.getKind().equals("host-risk")));

        rollout();

        List<AllocationAction> actions = scenario.allocations.readValuesToList().stream()
                .filter(c -> c.getTarget().equals(HOST)).map(AllocationCommand::getAction).toList();
        assertEquals(AllocationAction.THROTTLE, actions.get(0));
        assertTrue(actions.contains(AllocationAction.SHIFT_TRAFFIC));
        List<RollbackCommand> rollbacks = scenario.rollbacks.readValuesToList();
        assertEquals(1, rollbacks.size());
        assertEquals(GuardCommands.GUARDIAN, rollbacks.get(0).getDecision().getMadeBy());
    }
}
