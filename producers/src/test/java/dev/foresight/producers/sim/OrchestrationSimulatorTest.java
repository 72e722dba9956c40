package dev.foresight.producers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrchestrationSimulatorTest {

    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

    /** db ← auth ← web; web flaps and runs blue-green. */
    private static final OrchestratedServices SERVICES = new OrchestratedServices("staging", List.of(
            edit("db"), edit("auth", "db"), edit("web", "auth")), "web", "web");

    private static ServiceTopologyEvent edit(String id, String... dependsOn) {
        return ServiceTopologyEvent.newBuilder().setEventId("edit-" + id).setTimestamp(START).setEnvironment("staging")
                .setPayload(ServiceDefinition.newBuilder().setServiceId(id).setPort(id.length())
                        .setDependsOn(List.of(dependsOn)).build()).build();
    }

    private final List<HealthCheckEvent> probes;
    private final RecordingEventSink sink = new RecordingEventSink();

    OrchestrationSimulatorTest() {
        Simulation.builder().seed(3).start(START).orchestrated(SERVICES).build().runFor(Duration.ofMinutes(30), sink);
        probes = sink.values(Topics.HEALTH).stream().filter(p -> p.getEnvironment().equals("staging")).toList();
    }

    @Test
    void shouldPublishTheTopologyAtTheStart() {
        List<ServiceTopologyEvent> edits = sink.values(Topics.SERVICE_TOPOLOGY);
        assertEquals(3, edits.size());
        assertTrue(edits.stream().allMatch(e -> e.getTimestamp().equals(START)));
    }

    @Test
    void shouldStartEachServiceOnlyOnceWhatItCallsIsUp() {
        assertTrue(first("db").isBefore(first("auth")));
        assertTrue(first("auth").isBefore(first("web")));
        assertTrue(first("web").isBefore(START.plusSeconds(25)), "three startups of at most 8 s");
    }

    @Test
    void shouldFailEveryDependentWhileTheRootIsDown() {
        Instant outage = START.plus(Duration.ofMinutes(3)).plusSeconds(20);
        for (String service : List.of("db", "auth", "web")) {
            assertTrue(probes.stream().filter(p -> p.getServiceId().equals(service) && !"green".equals(p.getSlot()))
                    .filter(p -> Math.abs(Duration.between(p.getTimestamp(), outage).toSeconds()) < 5)
                    .noneMatch(HealthCheckEvent::getHealthy), service);
        }
        assertTrue(probes.stream().filter(p -> p.getServiceId().equals("db"))
                .filter(p -> p.getTimestamp().isAfter(START.plus(Duration.ofMinutes(4))))
                .filter(p -> p.getTimestamp().isBefore(START.plus(Duration.ofMinutes(10))))
                .allMatch(HealthCheckEvent::getHealthy), "the outage lasts 40 s");
    }

    @Test
    void shouldProbeAGreenThatTurnsBadAfterThirtySeconds() {
        List<HealthCheckEvent> green = probes.stream().filter(p -> "green".equals(p.getSlot())).toList();
        assertFalse(green.isEmpty());
        assertTrue(green.stream().allMatch(p -> p.getVersion().equals("2.0.0")));
        Instant fails = START.plus(Duration.ofMinutes(18)).plusSeconds(30);
        assertTrue(green.stream().filter(p -> p.getTimestamp().isBefore(fails)).allMatch(HealthCheckEvent::getHealthy));
        assertTrue(green.stream().filter(p -> !p.getTimestamp().isBefore(fails)).noneMatch(HealthCheckEvent::getHealthy));
    }

    private Instant first(String service) {
        return probes.stream().filter(p -> p.getServiceId().equals(service)).findFirst().orElseThrow().getTimestamp();
    }
}
