package dev.foresight.topology.fleet;

import static dev.foresight.topology.fleet.FleetScenario.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.fleet.FleetSettings;
import dev.foresight.domain.fleet.LevelHysteresis;
import dev.foresight.domain.fleet.RecommendedActions;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.CallerDemand;
import dev.foresight.schema.commands.DemandLevel;
import dev.foresight.schema.commands.DemandReport;
import dev.foresight.schema.commands.DispatchPosture;
import dev.foresight.schema.commands.ResourceMode;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.serde.AvroSerdes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetDemandTest {

    @TempDir
    Path stateDir;

    /** 20 requests in the baseline window [0, 5), {@code recent} in [5, 10), the report at minute 10. */
    private DemandReport reportWith(int recent) {
        try (FleetScenario s = new FleetScenario(stateDir, FleetScenario.fiveMinuteWindows())) {
            s.requests("chat", 0, 5, 20, 100, 0);
            s.requests("chat", 5, 10, recent, 100, 0);
            s.tick(10);
            return s.reportAt(10);
        }
    }

    @ParameterizedTest(name = "{0} recent requests over 20 give surge {1}: {2}")
    @CsvSource({"20, 1.0, LOW", "21, 1.05, NORMAL", "30, 1.5, NORMAL", "31, 1.55, ELEVATED", "60, 3.0, ELEVATED",
            "61, 3.05, CRITICAL", "10, 0.5, LOW"})
    void shouldMapSurgeFactorToDemandLevelWithStrictThresholds(int recent, double surge, DemandLevel level) {
        DemandReport report = reportWith(recent);
        assertEquals(surge, report.getSurgeFactor(), 1e-12);
        assertEquals(level, report.getDemandLevel());
    }

    @Test
    void shouldReportExactRatesPerHour() {
        DemandReport report = reportWith(30);
        assertEquals(360.0, report.getRecentRequestRate(), 1e-9);
        assertEquals(240.0, report.getBaselineRequestRate(), 1e-9);
        assertEquals(6.0, report.getHorizonHours());
        assertTrue(report.getPredictedLower() <= report.getPredictedRequestRate()
                && report.getPredictedRequestRate() <= report.getPredictedUpper());
    }

    @Test
    void shouldEnterSurgeModeAndPreWarmWhenSurgeFactorExceedsOnePointFive() {
        try (FleetScenario s = new FleetScenario(stateDir, FleetScenario.fiveMinuteWindows())) {
            s.requests("chat", 0, 5, 20, 100, 0);
            s.requests("chat", 5, 10, 31, 100, 0);
            s.tick(10);
            DemandReport report = s.reportAt(10);
            assertEquals(ResourceMode.SURGE, report.getResourceMode());
            assertTrue(report.getRecommendedActions().get(0).startsWith(RecommendedActions.PRE_WARM));
            List<AllocationCommand> commands = s.allocations.readValuesToList();
            assertEquals(1, commands.size());
            AllocationCommand boost = commands.get(0);
            assertEquals(AllocationAction.BOOST, boost.getAction());
            assertEquals("fleet-a/local-inference", boost.getTarget());
            assertEquals(minute(10).plusSeconds(6 * 3600), boost.getExpiresAt());
            assertEquals("fleet-demand-posture", boost.getDecision().getMadeBy());
            assertEquals(1.55, boost.getDecision().getInputs().get("surgeFactor"), 1e-12);
        }
    }

    /** What {@code explain} shows of a fleet command: the window it closed, the level held, the mode, the callers. */
    @Test
    void shouldRecordTheWindowModeAndCallersAsTheEvidenceOfAFleetCommand() {
        try (FleetScenario s = new FleetScenario(stateDir, FleetScenario.fiveMinuteWindows())) {
            s.requests("chat", 0, 5, 20, 100, 0);
            s.requests("chat", 5, 10, 31, 100, 0);
            s.tick(10);
            Map<String, String> evidence = s.allocations.readValuesToList().get(0).getDecision().getEvidence();

            assertEquals("fleet-a until " + minute(10), evidence.get("fleet.window"));
            assertTrue(evidence.get("fleet.mode").startsWith(ResourceMode.SURGE.name()), evidence.toString());
            assertTrue(evidence.get("fleet.level").contains("raw "), evidence.toString());
            assertTrue(evidence.get("fleet.topCallers").startsWith("chat "), evidence.toString());
            assertTrue(evidence.containsKey("fleet.forecast"), evidence.toString());
        }
    }

    @Test
    void shouldStaySteadyAndMaintainAllocationWithoutSignals() {
        DemandReport report = reportWith(20);
        assertEquals(ResourceMode.STEADY, report.getResourceMode());
        assertEquals(DispatchPosture.NORMAL, report.getDispatchPosture());
        assertEquals(List.of("Maintain current allocation: no issues detected"), report.getRecommendedActions());
    }

    @Test
    void shouldNotRepeatPreWarmWhileTheFirstOneHolds() {
        try (FleetScenario s = new FleetScenario(stateDir, FleetScenario.fiveMinuteWindows())) {
            s.requests("chat", 0, 5, 10, 100, 0);
            s.requests("chat", 5, 10, 20, 100, 0);
            s.requests("chat", 10, 15, 40, 100, 0);
            s.tick(15);
            assertEquals(DemandLevel.ELEVATED, s.reportAt(15).getDemandLevel());
            assertEquals(1, s.allocations.readValuesToList().size());
        }
    }

    @Test
    void shouldDegradeDispatchAndCacheForgeStateAfterOneForgeOutage() {
        try (FleetScenario s = new FleetScenario(stateDir, FleetScenario.fiveMinuteWindows())) {
            s.requests("chat", 0, 5, 20, 100, 0);
            s.requests("chat", 5, 10, 20, 100, 0);
            s.heartbeat(minute(7), false, true);
            s.tick(10);
            DemandReport report = s.reportAt(10);
            assertEquals(DispatchPosture.DEGRADED, report.getDispatchPosture());
            assertEquals(1, report.getGiteaOutages());
            assertEquals(ResourceMode.STEADY, report.getResourceMode());
            assertEquals(List.of("Cache forge state: 1 forge outages in the recent window"), report.getRecommendedActions());
        }
    }

    @ParameterizedTest(name = "{0} inference failures: {1}")
    @CsvSource({"1, STEADY", "2, SURGE"})
    void shouldEnterSurgeModeFromTwoInferenceFailures(int failures, ResourceMode mode) {
        try (FleetScenario s = new FleetScenario(stateDir, FleetScenario.fiveMinuteWindows())) {
            s.requests("chat", 0, 5, 20, 100, 0);
            s.requests("chat", 5, 10, 20, 100, 0);
            for (int i = 0; i < failures; i++) {
                s.heartbeat(minute(6 + i), true, false);
            }
            s.tick(10);
            DemandReport report = s.reportAt(10);
            assertEquals(mode, report.getResourceMode());
            assertEquals(failures, report.getInferenceFailures());
            assertEquals(DemandLevel.LOW, report.getDemandLevel());
            assertEquals(failures >= 2, report.getRecommendedActions().stream()
                    .anyMatch(a -> a.startsWith(RecommendedActions.INVESTIGATE_RELIABILITY)));
            assertTrue(s.allocations.isEmpty(), "unreliable inference is investigated, not pre-warmed");
        }
    }

    @Test
    void shouldListTopCallersWithShareFailureRateAndBatchWeight() {
        try (FleetScenario s = new FleetScenario(stateDir, FleetScenario.fiveMinuteWindows())) {
            s.requests("chat", 0, 5, 15, 100, 0);
            s.requests("chat", 5, 10, 15, 100, 0);
            s.requests("flaky", 5, 10, 5, 100, 3);
            s.tick(10);
            DemandReport report = s.reportAt(10);
            CallerDemand chat = report.getTopCallers().get(0);
            CallerDemand flaky = report.getTopCallers().get(1);
            assertEquals("chat", chat.getCaller());
            assertEquals(0.75, chat.getShare(), 1e-12);
            assertEquals(0.0, chat.getFailureRate());
            assertEquals(1.0, chat.getSurgeFactor(), 1e-12);
            assertEquals(0.6, flaky.getFailureRate(), 1e-12);
            assertEquals(0.25, flaky.getBatchWeight(), 1e-12);
            assertTrue(report.getRecommendedActions().contains("Investigate failure rates: flaky failed 60% of 5 requests"));
        }
    }

    @Test
    void shouldRecommendThrottlingHeavyBatchCallerButCommandItOnlyDuringASurge() {
        try (FleetScenario s = new FleetScenario(stateDir, FleetScenario.fiveMinuteWindows())) {
            s.requests("chat", 0, 5, 20, 100, 0);
            s.requests("chat", 5, 10, 14, 100, 0);
            s.requests("nightly-batch", 5, 10, 6, 2_000, 0);
            s.tick(10);
            DemandReport steady = s.reportAt(10);
            assertTrue(steady.getRecommendedActions().stream().anyMatch(a -> a.startsWith(RecommendedActions.THROTTLE)));
            assertTrue(s.allocations.isEmpty());

            s.requests("chat", 10, 15, 30, 100, 0);
            s.requests("nightly-batch", 10, 15, 10, 2_000, 0);
            s.tick(15);
            List<AllocationCommand> commands = s.allocations.readValuesToList();
            AllocationCommand throttle = commands.stream().filter(c -> c.getAction() == AllocationAction.THROTTLE)
                    .findFirst().orElseThrow();
            assertEquals("fleet-a/nightly-batch", throttle.getTarget());
            double weight = 20_000.0 / 23_000.0;
            assertEquals(0.4 / weight, throttle.getAmount(), 1e-9);
        }
    }

    /** Segment counts 20, 20, 40, 56, 70, 70, 70: surge factors 1.0, 2.0, 1.4, 1.25, 1.0, 1.0. */
    private List<DemandLevel> levels(FleetSettings settings) {
        int[] counts = {20, 20, 40, 56, 70, 70, 70};
        try (FleetScenario s = new FleetScenario(stateDir, settings)) {
            for (int k = 0; k < counts.length; k++) {
                s.requests("chat", 5 * k, 5 * (k + 1), counts[k], 100, 0);
            }
            s.tick(5 * counts.length);
            List<DemandReport> reports = s.allReports();
            return reports.subList(reports.size() - 6, reports.size()).stream().map(DemandReport::getDemandLevel).toList();
        }
    }

    @Test
    void shouldHoldElevatedUntilThreeReportsFallBelowTheReleaseBand() {
        assertEquals(List.of(DemandLevel.LOW, DemandLevel.ELEVATED, DemandLevel.ELEVATED, DemandLevel.ELEVATED,
                DemandLevel.ELEVATED, DemandLevel.LOW), levels(FleetScenario.fiveMinuteWindows()));
    }

    @Test
    void shouldFollowTheRawTableWithoutHysteresis() {
        assertEquals(List.of(DemandLevel.LOW, DemandLevel.ELEVATED, DemandLevel.NORMAL, DemandLevel.NORMAL,
                DemandLevel.LOW, DemandLevel.LOW), levels(FleetScenario.fiveMinuteWindows()
                .withHysteresis(LevelHysteresis.none())));
    }

    @Test
    void shouldDeadLetterRequestsWithImpossibleValuesAndSayWhy() {
        try (FleetScenario s = new FleetScenario(stateDir, FleetScenario.fiveMinuteWindows())) {
            RequestMetricEvent bad = RequestMetricEvent.newBuilder().setEventId("r-bad").setFleetId(FleetScenario.FLEET)
                    .setCaller("chat").setTimestamp(minute(1)).setPromptTokens(-5).setCompletionTokens(1)
                    .setLatencyMs(10).setSuccess(true).build();
            s.sendRaw(AvroSerdes.bundled().<RequestMetricEvent>valueSerde().serializer().serialize("t", bad));
            s.sendRaw(new byte[] {1, 2, 3});
            List<DeadLetter> letters = s.deadLetters.readValuesToList();
            assertEquals(2, letters.size());
            assertEquals("promptTokens -5.0 is outside [0.0, 1.0E7]", letters.get(0).getReason());
            assertTrue(letters.get(1).getReason().startsWith("undeserializable"));
        }
    }

    @Test
    void shouldNameItsStoresAndRepartitionInTheTopology() {
        String description = FleetScenario.topology(FleetSettings.defaults()).describe().toString();
        for (String name : List.of(FleetDemand.BUCKET_STORE, FleetDemand.STATE_STORE, FleetDemand.BY_FLEET,
                "fleet-demand", "fleet-report-sink", "fleet-command-sink")) {
            assertTrue(description.contains(name), name);
        }
    }
}
