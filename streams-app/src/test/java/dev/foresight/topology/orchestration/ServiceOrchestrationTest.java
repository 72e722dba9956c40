package dev.foresight.topology.orchestration;

import static dev.foresight.schema.commands.OrchestrationAction.CLOSE_CIRCUIT;
import static dev.foresight.schema.commands.OrchestrationAction.DEGRADE;
import static dev.foresight.schema.commands.OrchestrationAction.ESCALATE;
import static dev.foresight.schema.commands.OrchestrationAction.HALF_OPEN_CIRCUIT;
import static dev.foresight.schema.commands.OrchestrationAction.OPEN_CIRCUIT;
import static dev.foresight.schema.commands.OrchestrationAction.RESTART;
import static dev.foresight.schema.commands.OrchestrationAction.RESTORE;
import static dev.foresight.schema.commands.OrchestrationAction.REVERT_TRAFFIC;
import static dev.foresight.schema.commands.OrchestrationAction.SWITCH_TRAFFIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.orchestration.Backoff;
import dev.foresight.domain.orchestration.EnvironmentPolicy;
import dev.foresight.domain.orchestration.RecoverySettings;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.OrchestrationCommand;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.state.HealthStatus;
import dev.foresight.schema.state.ServiceHealth;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceOrchestrationTest {

    @TempDir
    Path stateDir;

    /** No jitter, so every step of the backoff is exact: 2, 4, 8, then capped at 10 s; 4 attempts. */
    private static EnvironmentPolicy exactBackoff() {
        EnvironmentPolicy d = EnvironmentPolicy.defaults();
        return new EnvironmentPolicy(d.slaTarget(), d.weights(), new RecoverySettings(3, 2, Duration.ofSeconds(10),
                Duration.ofMinutes(5), new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(10), 0, 4)),
                d.breaker(), d.greenHealthyChecks(), d.revertWindow());
    }

    @Test
    void shouldPlanTheSeedServicesInGroupsThatCanStartInParallel() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            List<StartupPlan> plans = s.plans();
            assertEquals(1, plans.size(), "one plan for a burst of edits");
            assertTrue(plans.get(0).getValid());
            assertEquals(List.of(List.of("database"), List.of("auth"), List.of("backend"), List.of("bot", "frontend")),
                    plans.get(0).getGroups());
            assertTrue(s.plans().isEmpty(), "an unchanged topology is not planned again");
        }
    }

    @Test
    void shouldCarryEachPlannedServicesDependenciesInThePlan() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            Map<String, List<String>> graph = s.plans().get(0).getDependencies();
            assertEquals(Map.of("database", List.of(), "auth", List.of("database"),
                    "backend", List.of("database", "auth"), "bot", List.of("backend", "auth"),
                    "frontend", List.of("backend", "auth")), graph);
        }
    }

    @Test
    void shouldPlanAgainWhenTheGraphChangesButTheGroupsDoNot() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            StartupPlan first = s.plans().get(0);
            s.define("frontend", 8081, "backend", "auth", "database");
            List<StartupPlan> again = s.plans();
            assertEquals(1, again.size(), "frontend now also calls the database: a plan with the new graph");
            assertEquals(first.getGroups(), again.get(0).getGroups());
            assertEquals(List.of("backend", "auth", "database"), again.get(0).getDependencies().get("frontend"));
        }
    }

    @Test
    void shouldEmitAnInvalidPlanNamingTheServicesOfACycle() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir)) {
            s.define("a", 1, "b");
            s.define("b", 2, "a");
            StartupPlan plan = s.plans().get(0);
            assertFalse(plan.getValid());
            assertTrue(plan.getGroups().isEmpty());
            assertEquals(List.of("dependency cycle: a -> b -> a"), plan.getProblems());
        }
    }

    @Test
    void shouldScoreEachCheckWithItsInputsWeightsAndAvailability() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            s.check("database", 0, true);
            s.check("database", 5, false);
            ServiceHealth good = s.scores.get(0);
            ServiceHealth bad = s.scores.get(1);
            assertEquals(HealthStatus.HEALTHY, good.getStatus());
            assertEquals(1.0, good.getScore(), 1e-9, "40 ms, no errors, 40 % busy: every component perfect");
            assertEquals(40.0, good.getInputs().get("latencyMs"));
            assertEquals(0.4, good.getWeights().get("check"));
            assertEquals(HealthStatus.UNHEALTHY, bad.getStatus());
            assertEquals(0.5, bad.getAvailability().get("1h"), 1e-9, "one of two checks passed");
            assertFalse(bad.getSlaMet());
            assertEquals(OrchestrationScenario.at(5), bad.getFailingSince());
        }
    }

    @Test
    void shouldIgnoreChecksOfServicesOutsideTheTopology() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            s.check("xp", 0, false);
            assertTrue(s.scores.isEmpty());
        }
    }

    @Test
    void shouldHandleChecksThatArriveBeforeTheirServicesDefinitionsOnceTheGraphIsPlanned() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir)) {
            for (int t = 5; t <= 30; t += 5) {
                s.checkAll(t, false);
            }
            assertTrue(s.scores.isEmpty() && s.commands.isEmpty(), "no service is known yet");
            // stamped before every check, arriving after them, callers first, as a catch-up can deliver them
            s.defineAsOf(OrchestrationScenario.at(0), "frontend", 8081, "backend", "auth");
            s.defineAsOf(OrchestrationScenario.at(0), "bot", 8004, "backend", "auth");
            s.defineAsOf(OrchestrationScenario.at(0), "backend", 8001, "database", "auth");
            s.defineAsOf(OrchestrationScenario.at(0), "auth", 8002, "database");
            s.defineAsOf(OrchestrationScenario.at(0), "database", 5432);
            s.plans();

            assertEquals(30, s.scores.size(), "every held check scored");
            List<OrchestrationCommand> degraded = s.commands(DEGRADE);
            assertEquals(List.of("auth", "backend", "bot", "frontend"),
                    degraded.stream().map(OrchestrationCommand::getServiceId).sorted().toList());
            degraded.forEach(c -> assertEquals(List.of("database"), c.getCauses()));
            assertEquals(List.of("database"), s.commands(RESTART).stream().map(OrchestrationCommand::getServiceId)
                    .distinct().toList(), "held checks are handled in time order across services, as live");
        }
    }

    @Test
    void shouldDropHeldChecksFromBeforeTheDefinitionAndHandleLaterOnesInOrder() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir)) {
            s.check("database", 5, false);
            s.check("database", 10, true);
            s.defineAsOf(OrchestrationScenario.at(7), "database", 5432);
            s.check("database", 10, false);
            assertTrue(s.scores.isEmpty(), "until the graph is planned, a later check waits behind the held ones");
            s.plans();
            assertEquals(List.of(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY),
                    s.scores.stream().map(ServiceHealth::getStatus).toList(), "the check at 5 s predates the service");
        }
    }

    @Test
    void shouldKeepAHeldCheckWithinTheHoldAndForgetItAfter() {
        try (OrchestrationScenario kept = new OrchestrationScenario(stateDir.resolve("kept"))) {
            kept.check("database", 5, false);
            kept.passWallClock(OrchestrationSettings.defaults().earlyCheckHold().minusMinutes(1));
            kept.defineAsOf(OrchestrationScenario.at(0), "database", 5432);
            kept.plans();
            assertEquals(1, kept.scores.size());
        }
        try (OrchestrationScenario forgotten = new OrchestrationScenario(stateDir.resolve("forgotten"))) {
            forgotten.check("database", 5, false);
            forgotten.passWallClock(OrchestrationSettings.defaults().earlyCheckHold().plusMinutes(1));
            forgotten.defineAsOf(OrchestrationScenario.at(0), "database", 5432);
            forgotten.plans();
            assertTrue(forgotten.scores.isEmpty(), "held past the hold: its service was not defined in time");
        }
    }

    @Test
    void shouldRestartWithDoublingDelaysUpToTheCapThenEscalate() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir, exactBackoff()).seedServices()) {
            for (int t = 0; t <= 80; t += 5) {
                s.check("database", t, false);
            }
            List<OrchestrationCommand> restarts = s.commands(RESTART, "database");
            assertEquals(List.of(1, 2, 3, 4), restarts.stream().map(OrchestrationCommand::getAttempt).toList());
            assertEquals(List.of(2000L, 4000L, 8000L, 10000L),
                    restarts.stream().map(OrchestrationCommand::getDelayMs).toList());
            assertEquals(List.of(OrchestrationScenario.at(10), OrchestrationScenario.at(25),
                    OrchestrationScenario.at(40), OrchestrationScenario.at(60)),
                    restarts.stream().map(OrchestrationCommand::getIssuedAt).toList(),
                    "the third failure restarts; each next one waits for the delay plus 10 s of grace");
            assertEquals(OrchestrationScenario.at(12), restarts.get(0).getNotBefore());
            assertEquals(1, s.commands(ESCALATE, "database").size());
            assertEquals(OrchestrationScenario.at(80), s.commands(ESCALATE, "database").get(0).getIssuedAt());
            List<Alert> alerts = s.alerts.readValuesToList();
            assertEquals("orchestration-escalation", alerts.get(0).getKind());
        }
    }

    @Test
    void shouldKeepGrowingTheDelayWhenAFlappingServiceRecoversOnlyBriefly() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir, exactBackoff()).seedServices()) {
            flap(s, 0);
            flap(s, 60);
            flap(s, 120);
            assertEquals(List.of(2000L, 4000L, 8000L),
                    s.commands(RESTART, "bot").stream().map(OrchestrationCommand::getDelayMs).toList());
            assertTrue(s.scores.stream().anyMatch(h -> h.getRecoveredAfterMs() != null && h.getRecoveredAfterMs() == 20000),
                    "first failure at +0, second passed check at +20 s");
        }
    }

    @Test
    void shouldStartTheBackoffOverAfterFiveStableMinutes() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir, exactBackoff()).seedServices()) {
            flap(s, 0);
            for (int t = 60; t <= 420; t += 30) {
                s.check("bot", t, true);
            }
            flap(s, 450);
            assertEquals(List.of(2000L, 2000L),
                    s.commands(RESTART, "bot").stream().map(OrchestrationCommand::getDelayMs).toList());
        }
    }

    /** Three failed checks of bot 5 s apart, then two passed ones; what bot calls passes its checks. */
    private static void flap(OrchestrationScenario s, int from) {
        for (int i = 0; i < 5; i++) {
            s.checkAll(from + 5 * i, true, "bot", "frontend");
            s.check("bot", from + 5 * i, i >= 3);
        }
    }

    @Test
    void shouldNotRestartAServiceWhoseDependenciesHaveNotBeenHeardOfLately() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir, exactBackoff()).seedServices()) {
            s.checkAll(0, true, "bot", "frontend");
            for (int t = 20; t <= 40; t += 5) {
                s.check("bot", t, false);
            }
            assertTrue(s.commands(RESTART).isEmpty(), "backend and auth silent for over 15 s: the fault may be theirs");
            assertTrue(s.commands(OPEN_CIRCUIT).isEmpty());
        }
    }

    @Test
    void shouldNotRestartADependentWhoseFailuresArriveAfterItsDependencyRecovered() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir, exactBackoff()).seedServices()) {
            for (int t = 0; t <= 80; t += 5) {
                s.check("database", t, t < 10 || t > 25);
            }
            assertEquals(1, s.commands(CLOSE_CIRCUIT, "database").size(), "recovered and closed before auth's checks");
            for (int t = 0; t <= 30; t += 5) {
                s.check("auth", t, t < 10 || t > 25);
            }
            assertTrue(s.commands(RESTART, "auth").isEmpty(), "auth failed while the database did (10 s to 35 s)");
            assertTrue(s.commands(OPEN_CIRCUIT, "auth").isEmpty());
        }
    }

    @Test
    void shouldOpenTheBreakerWhenHalfOfTheWindowFailed() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            s.check("database", 0, true);
            s.check("database", 5, false);
            s.check("database", 10, true);
            assertTrue(s.commands(OPEN_CIRCUIT).isEmpty(), "three checks are fewer than the 4 the window needs");
            s.check("database", 15, false);
            OrchestrationCommand open = s.commands(OPEN_CIRCUIT, "database").get(0);
            assertEquals(List.of("auth", "backend"), open.getCallers());
            assertEquals(0.5, open.getDecision().getInputs().get("failureRate"));
            assertEquals("OPEN", s.scores.get(s.scores.size() - 1).getBreaker());
        }
    }

    @Test
    void shouldStayOpenUntilTheOpenTimeHasPassedThenLetProbesThrough() {
        try (OrchestrationScenario s = openDatabaseBreaker()) {
            s.check("database", 30, true);
            assertTrue(s.commands(HALF_OPEN_CIRCUIT).isEmpty(), "opened at 15 s, open for 20 s");
            s.check("database", 35, true);
            assertEquals(OrchestrationScenario.at(35), s.commands(HALF_OPEN_CIRCUIT, "database").get(0).getIssuedAt());
        }
    }

    @Test
    void shouldReopenWhenAProbeFailsWhileHalfOpen() {
        try (OrchestrationScenario s = openDatabaseBreaker()) {
            s.check("database", 35, true);
            s.check("database", 40, false);
            assertEquals(2, s.commands(OPEN_CIRCUIT, "database").size());
            s.check("database", 55, true);
            assertEquals(1, s.commands(HALF_OPEN_CIRCUIT, "database").size(), "open again for 20 s from 40 s");
        }
    }

    @Test
    void shouldCloseAfterTwoPassedProbesAndRestoreEveryDependent() {
        try (OrchestrationScenario s = openDatabaseBreaker()) {
            s.check("database", 35, true);
            s.check("database", 40, true);
            assertTrue(s.commands(CLOSE_CIRCUIT).isEmpty());
            s.check("database", 45, true);
            assertEquals(1, s.commands(CLOSE_CIRCUIT, "database").size());
            assertEquals(List.of("auth", "backend", "bot", "frontend"),
                    s.commands(RESTORE).stream().map(OrchestrationCommand::getServiceId).sorted().toList());
        }
    }

    @Test
    void shouldDegradeEveryDependentAndRestartOnlyTheRootCauseWhenTheDatabaseFails() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            for (int t = 0; t <= 30; t += 5) {
                s.checkAll(t, false);
            }
            List<OrchestrationCommand> degraded = s.commands(DEGRADE);
            assertEquals(List.of("auth", "backend", "bot", "frontend"),
                    degraded.stream().map(OrchestrationCommand::getServiceId).sorted().toList());
            degraded.forEach(c -> assertEquals(List.of("database"), c.getCauses()));
            assertEquals(List.of("database"), s.commands(RESTART).stream().map(OrchestrationCommand::getServiceId)
                    .distinct().toList(), "dependents failing with their database are not restarted");
            assertEquals(List.of("database"), s.commands(OPEN_CIRCUIT).stream()
                    .map(OrchestrationCommand::getServiceId).toList(), "no breaker opens downstream");
            assertTrue(s.scores.stream().filter(h -> h.getServiceId().equals("frontend")).reduce((a, b) -> b)
                    .orElseThrow().getDegraded());
        }
    }

    @Test
    void shouldSwitchToGreenAfterThreeHealthyChecksAndRevertWhenItFailsInTheWindow() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            switchToGreen(s);
            OrchestrationCommand switched = s.commands(SWITCH_TRAFFIC, "frontend").get(0);
            assertEquals("2.0.0", switched.getToVersion());
            assertEquals(OrchestrationScenario.at(15), switched.getIssuedAt());
            s.check("frontend", 20, true, "blue", "1.0.0");
            s.check("frontend", 60, false, "green", "2.0.0");
            OrchestrationCommand reverted = s.commands(REVERT_TRAFFIC, "frontend").get(0);
            assertEquals("2.0.0", reverted.getFromVersion());
            assertEquals("1.0.0", reverted.getToVersion());
            RollbackCommand rollback = s.rollbacks.readValuesToList().get(0);
            assertEquals("2.0.0", rollback.getFailedVersion());
            assertEquals("1.0.0", rollback.getRestoreVersion());
            s.check("frontend", 65, true, "green", "2.0.0");
            assertEquals(1, s.commands(SWITCH_TRAFFIC).size(), "a reverted version is not switched to again");
        }
    }

    @Test
    void shouldNotRevertAfterTheWindowHasPassed() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            switchToGreen(s);
            s.check("frontend", 400, true, "green", "2.0.0");
            s.check("frontend", 405, false, "green", "2.0.0");
            assertTrue(s.commands(REVERT_TRAFFIC).isEmpty());
        }
    }

    @Test
    void shouldRejectAGreenThatFailsBeforeTheSwitch() {
        try (OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices()) {
            s.check("frontend", 0, true, "blue", "1.0.0");
            s.check("frontend", 5, true, "green", "2.0.0");
            s.check("frontend", 10, false, "green", "2.0.0");
            s.check("frontend", 15, true, "green", "2.0.0");
            s.check("frontend", 20, true, "green", "2.0.0");
            s.check("frontend", 25, true, "green", "2.0.0");
            assertTrue(s.commands(SWITCH_TRAFFIC).isEmpty());
            assertEquals("orchestration-green-rejected", s.alerts.readValuesToList().get(0).getKind());
            assertTrue(s.scores.stream().noneMatch(h -> h.getCheckedAt().equals(OrchestrationScenario.at(10))),
                    "a candidate's checks do not count as the service's health");
        }
    }

    @Test
    void shouldNameEveryStoreRepartitionAndProcessor() {
        String description = new ForesightTopology(AvroSerdes.bundled(), TopologySettings.defaults()).build()
                .describe().toString();
        for (String name : List.of(ServiceOrchestration.TOPOLOGY_STORE, ServiceOrchestration.SERVICE_STORE,
                ServiceOrchestration.PLAN_STORE, ServiceOrchestration.EARLY_CHECKS_STORE,
                ServiceOrchestration.BY_ENVIRONMENT + "-repartition",
                "orchestration-orchestrate", "service-topology-validate")) {
            assertTrue(description.contains(name), name);
        }
        assertFalse(description.contains("KSTREAM-"), "no generated processor names");
    }

    /** frontend 1.0.0 serves from blue; 2.0.0 passes three green checks at 5, 10 and 15 s. */
    private static void switchToGreen(OrchestrationScenario s) {
        s.check("frontend", 0, true, "blue", "1.0.0");
        for (int t = 5; t <= 15; t += 5) {
            s.check("frontend", t, true, "green", "2.0.0");
        }
    }

    /** database fails 4 checks in a row from 0 s: the breaker opens at 15 s. */
    private OrchestrationScenario openDatabaseBreaker() {
        OrchestrationScenario s = new OrchestrationScenario(stateDir).seedServices();
        for (int t = 0; t <= 15; t += 5) {
            s.check("database", t, false);
        }
        assertEquals(1, s.commands(OPEN_CIRCUIT, "database").size());
        assertEquals(4, s.commands(DEGRADE).size());
        return s;
    }
}
