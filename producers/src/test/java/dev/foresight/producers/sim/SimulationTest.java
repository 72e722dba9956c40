package dev.foresight.producers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class SimulationTest {

    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

    /** Two orchestrated services of the test's own: db, and api which calls it and runs blue-green. */
    static final OrchestratedServices ORCHESTRATED = new OrchestratedServices("staging", List.of(
            service("db", 5432), service("api", 8080, "db")), "api", "api");

    static Simulation simulation(long seed) {
        return Simulation.builder().seed(seed).start(START).orchestrated(ORCHESTRATED).build();
    }

    private static ServiceTopologyEvent service(String id, int port, String... dependsOn) {
        return ServiceTopologyEvent.newBuilder().setEventId("edit-" + id).setTimestamp(START).setEnvironment("staging")
                .setPayload(ServiceDefinition.newBuilder().setServiceId(id).setPort(port)
                        .setDependsOn(List.of(dependsOn)).build()).build();
    }

    static RecordingEventSink run(Simulation simulation, Duration duration) {
        RecordingEventSink sink = new RecordingEventSink();
        simulation.runFor(duration, sink);
        return sink;
    }

    @Test
    void shouldProduceIdenticalEventsForTheSameSeedAndStart() {
        List<TimedEvent<?>> first = run(simulation(7), Duration.ofHours(3)).events();
        List<TimedEvent<?>> second = run(simulation(7), Duration.ofHours(3)).events();

        assertEquals(first, second);
    }

    @Test
    void shouldProduceDifferentEventsForDifferentSeeds() {
        assertNotEquals(run(simulation(7), Duration.ofHours(1)).events(), run(simulation(8), Duration.ofHours(1)).events());
    }

    @Test
    void shouldContinueWhereThePreviousRunStopped() {
        Simulation inTwoSteps = simulation(3);
        RecordingEventSink sink = new RecordingEventSink();
        inTwoSteps.runFor(Duration.ofMinutes(90), sink);
        inTwoSteps.runFor(Duration.ofMinutes(90), sink);

        assertEquals(run(simulation(3), Duration.ofHours(3)).events(), sink.events());
        assertEquals(START.plus(Duration.ofHours(3)), inTwoSteps.now());
    }

    @Test
    void shouldSendEveryEventWithinTheRunInEventTimeOrder() {
        List<TimedEvent<?>> events = run(simulation(11), Duration.ofHours(6)).events();

        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i - 1).timestampMs() <= events.get(i).timestampMs(), "out of order at " + i);
        }
        assertTrue(events.get(0).timestampMs() >= START.toEpochMilli());
        assertTrue(events.get(events.size() - 1).timestampMs() < START.plus(Duration.ofHours(6)).toEpochMilli());
    }

    @Test
    void shouldFeedEveryInputTopicKeyedAsTheCatalogueSays() {
        RecordingEventSink sink = run(simulation(5), Duration.ofHours(12));

        for (TimedEvent<?> event : sink.events()) {
            assertEquals(expectedKey(event.value()), event.key());
            assertEquals(event.timestampMs(), ((Instant) ((GenericRecord) event.value()).get("timestamp")).toEpochMilli());
        }
        Topics.INPUTS.forEach(topic -> assertFalse(sink.eventsOn(topic).isEmpty(), "nothing on " + topic.name()));
    }

    private static String expectedKey(Object value) {
        if (value instanceof TelemetryEvent telemetry) {
            return telemetry.getHostId();
        }
        if (value instanceof WorkflowEvent workflow) {
            return workflow.getWorkflowId();
        }
        if (value instanceof DeploymentEvent deployment) {
            return deployment.getDeploymentId();
        }
        if (value instanceof PipelineEvent pipeline) {
            return pipeline.getServiceId();
        }
        if (value instanceof RequestMetricEvent request) {
            return request.getFleetId();
        }
        if (value instanceof FleetHeartbeatEvent heartbeat) {
            return heartbeat.getFleetId();
        }
        if (value instanceof ServiceTopologyEvent edit) {
            return OrchestrationSimulator.key(edit);
        }
        return ((HealthCheckEvent) value).getServiceId();
    }

    @Test
    void shouldCountWhatItSentPerTopic() {
        Simulation simulation = simulation(2);
        RecordingEventSink sink = run(simulation, Duration.ofHours(2));

        assertEquals(sink.events().size(), simulation.counters().total());
        Topics.INPUTS.forEach(topic ->
                assertEquals(sink.eventsOn(topic).size(), simulation.counters().count(topic.name()), topic.name()));
    }

    @Test
    void shouldStopWhenAskedInsteadOfRunningForever() {
        Simulation simulation = simulation(4);
        RecordingEventSink sink = new RecordingEventSink();

        simulation.run(sink, () -> sink.events().size() >= 1_000);

        // The stop is checked between tasks, and one task sends at most a handful of events.
        assertTrue(sink.events().size() >= 1_000 && sink.events().size() < 1_010, "sent " + sink.events().size());
    }

    @Test
    void shouldSampleEveryHostEveryTenSeconds() {
        Simulation simulation = Simulation.builder().seed(9).start(START).services(3).hostsPerService(2).build();
        RecordingEventSink sink = run(simulation, Duration.ofHours(1));

        List<String> hosts = simulation.fleet().allHosts();
        assertEquals(6, hosts.size());
        long perHost = Duration.ofHours(1).toMillis() / TelemetrySimulator.SAMPLE_PERIOD_MS;
        hosts.forEach(host -> assertEquals(perHost,
                sink.values(Topics.TELEMETRY).stream().filter(event -> event.getHostId().equals(host)).count(), host));
    }
}
