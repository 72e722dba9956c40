package dev.foresight.producers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FleetSimulatorsTest {

    private static List<RequestMetricEvent> requests;
    private static List<FleetHeartbeatEvent> heartbeats;

    @BeforeAll
    static void runTwoDays() {
        RecordingEventSink sink = new RecordingEventSink();
        Simulation.builder().seed(5).start(SimulationTest.START).build().runFor(Duration.ofDays(2), sink);
        requests = sink.values(Topics.FLEET_REQUESTS);
        heartbeats = sink.values(Topics.FLEET_HEARTBEATS);
    }

    @Test
    void shouldBeatOnceAMinuteWithSomeOutagesOfForgeAndInference() {
        assertEquals(2 * 24 * 60, heartbeats.size(), 1);
        long forgeDown = heartbeats.stream().filter(h -> !h.getForgeAvailable()).count();
        long inferenceDown = heartbeats.stream().filter(h -> !h.getInferenceHealthy()).count();
        assertTrue(forgeDown > 0 && forgeDown < heartbeats.size() / 20, "forge down " + forgeDown);
        assertTrue(inferenceDown > 0 && inferenceDown < heartbeats.size() / 10, "inference down " + inferenceDown);
    }

    @Test
    void shouldSendRequestsOfEveryCallerWithTheBatchCallerHeaviest() {
        Map<String, Double> tokensPerRequest = requests.stream().collect(Collectors.groupingBy(
                RequestMetricEvent::getCaller, Collectors.averagingLong(r -> r.getPromptTokens() + r.getCompletionTokens())));
        assertEquals(FleetRequestSimulator.CALLERS.size(), tokensPerRequest.size());
        String heaviest = tokensPerRequest.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals("nightly-batch", heaviest);
    }

    /** The daily shape repeats, surges do not: a half hour far busier than the same half hour of the other day. */
    @Test
    void shouldSurgeSomeCallerFarAboveTheSameHalfHourOfTheOtherDay() {
        Map<String, Long> counts = requests.stream().collect(Collectors.groupingBy(
                r -> r.getCaller() + "/" + r.getTimestamp().toEpochMilli() / 1_800_000, Collectors.counting()));
        long halfHoursPerDay = 48;
        boolean surged = counts.entrySet().stream().anyMatch(e -> {
            String caller = e.getKey().substring(0, e.getKey().indexOf('/'));
            long halfHour = Long.parseLong(e.getKey().substring(e.getKey().indexOf('/') + 1));
            long other = counts.getOrDefault(caller + "/" + (halfHour + halfHoursPerDay),
                    counts.getOrDefault(caller + "/" + (halfHour - halfHoursPerDay), 0L));
            return other >= 10 && e.getValue() > 2.2 * other;
        });
        assertTrue(surged, "no caller ever surged");
    }

    @Test
    void shouldFailMostRequestsWhileInferenceIsDown() {
        Map<Long, Boolean> downByMinute = heartbeats.stream().collect(Collectors.toMap(
                h -> h.getTimestamp().toEpochMilli() / 60_000, h -> !h.getInferenceHealthy(), (a, b) -> a));
        List<RequestMetricEvent> duringOutage = requests.stream()
                .filter(r -> downByMinute.getOrDefault(r.getTimestamp().toEpochMilli() / 60_000, false)).toList();
        long failed = duringOutage.stream().filter(r -> !r.getSuccess()).count();
        assertTrue(failed > duringOutage.size() / 2, failed + " of " + duringOutage.size());
    }
}
