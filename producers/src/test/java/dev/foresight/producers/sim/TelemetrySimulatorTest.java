package dev.foresight.producers.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TelemetrySimulatorTest {

    private static Simulation simulation;
    private static List<TelemetryEvent> telemetry;

    @BeforeAll
    static void runOneDay() {
        simulation = Simulation.builder().seed(21).start(SimulationTest.START).services(5).hostsPerService(4).build();
        RecordingEventSink sink = new RecordingEventSink();
        simulation.runFor(Duration.ofDays(1), sink);
        telemetry = sink.values(Topics.TELEMETRY);
    }

    @Test
    void shouldKeepEveryMeasurementFiniteAndInRange() {
        for (TelemetryEvent event : telemetry) {
            assertFraction(event.getCpuUtilization(), event);
            assertFraction(event.getMemoryUtilization(), event);
            assertFraction(event.getErrorRate(), event);
            assertPositive(event.getLatencyMs(), event);
            assertPositive(event.getRequestRate(), event);
            assertPositive(event.getNetworkMbps(), event);
            event.getKpis().values().forEach(value -> assertTrue(Double.isFinite(value) && value >= 0, event::toString));
        }
    }

    @Test
    void shouldCarryMoreTrafficInTheAfternoonThanAtNight() {
        double afternoon = mean(telemetry, TelemetryEvent::getRequestRate, 14, 18);
        double night = mean(telemetry, TelemetryEvent::getRequestRate, 2, 6);

        assertTrue(afternoon > 1.5 * night, "afternoon " + afternoon + " vs night " + night);
    }

    @Test
    void shouldRunSlowHostsHotterAndSlowerThanTheirPeers() {
        Map<String, Double> slowHosts = simulation.fleet().slowHosts();
        assertFalse(slowHosts.isEmpty());
        for (String slowHost : slowHosts.keySet()) {
            String serviceId = simulation.fleet().serviceOf(slowHost).serviceId();
            List<TelemetryEvent> slow = telemetry.stream().filter(event -> event.getHostId().equals(slowHost)).toList();
            List<TelemetryEvent> peers = telemetry.stream()
                    .filter(event -> event.getServiceId().equals(serviceId) && !slowHosts.containsKey(event.getHostId()))
                    .toList();
            assertTrue(mean(slow, TelemetryEvent::getLatencyMs, 0, 24) > 1.3 * mean(peers, TelemetryEvent::getLatencyMs, 0, 24));
            assertTrue(mean(slow, TelemetryEvent::getCpuUtilization, 0, 24) > mean(peers, TelemetryEvent::getCpuUtilization, 0, 24));
        }
    }

    @Test
    void shouldSetDeploymentIdOnlyWhileADeploymentTouchesTheHost() {
        Map<String, DeploymentOutcome> outcomes = simulation.groundTruth().outcomes().stream()
                .collect(Collectors.toMap(DeploymentOutcome::deploymentId, outcome -> outcome));
        List<TelemetryEvent> tagged = telemetry.stream().filter(event -> event.getDeploymentId() != null).toList();

        assertFalse(tagged.isEmpty());
        for (TelemetryEvent event : tagged) {
            DeploymentOutcome outcome = outcomes.get(event.getDeploymentId());
            if (outcome != null) {
                assertTrue(outcome.hosts().contains(event.getHostId()));
                assertTrue(!event.getTimestamp().isBefore(outcome.startedAt()) && event.getTimestamp().isBefore(outcome.endedAt()));
            }
        }
    }

    private static double mean(List<TelemetryEvent> events, ToDoubleFunction<TelemetryEvent> metric, int fromHour, int toHour) {
        return events.stream()
                .filter(event -> {
                    int hour = event.getTimestamp().atZone(ZoneOffset.UTC).getHour();
                    return hour >= fromHour && hour < toHour;
                })
                .mapToDouble(metric).average().orElseThrow();
    }

    private static void assertFraction(double value, TelemetryEvent event) {
        assertTrue(value >= 0 && value <= 1, event::toString);
    }

    private static void assertPositive(double value, TelemetryEvent event) {
        assertTrue(Double.isFinite(value) && value > 0, event::toString);
    }
}
