package dev.foresight.topology.telemetry;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.AggregateScope;
import dev.foresight.schema.state.TelemetryAggregate;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.Events;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service windows behind their repartition, fed directly (no ingest, whose own lateness check would
 * see these events first): what their grace cannot take is dead-lettered, not dropped.
 */
class LateRecordGateTest {

    private static final AggregationSettings SETTINGS = AggregationSettings.defaults();

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, TelemetryEvent> telemetry;

    @BeforeEach
    void setUp() {
        AvroSerdes serdes = AvroSerdes.bundled();
        StreamsBuilder builder = new StreamsBuilder();
        new TelemetryAggregation(serdes, SETTINGS, ForesightTopology.telemetryTopics(serdes)).build(builder.stream(Topics.TELEMETRY.name(),
                Consumed.with(Serdes.String(), serdes.<TelemetryEvent>valueSerde())));
        fixture = new TopologyFixture(builder.build(), stateDir);
        telemetry = fixture.input(Topics.TELEMETRY);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldDeadLetterWhatIsLaterThanTheServiceGraceAndCountTheRest() {
        Instant newest = START.plus(Duration.ofMinutes(30));
        Duration beyondGrace = SETTINGS.serviceGrace().plusMinutes(1);
        send("host-1", newest);
        send("host-2", newest.minus(beyondGrace));
        send("host-3", newest.minus(SETTINGS.serviceGrace().minusMinutes(1)));

        List<DeadLetter> deadLetters = fixture.output(Topics.DEAD_LETTERS).readValuesToList();
        assertEquals(1, deadLetters.size());
        DeadLetter late = deadLetters.get(0);
        assertEquals(TelemetryAggregation.SERVICE_GATE, late.getStage());
        assertTrue(late.getReason().startsWith("late by " + beyondGrace.toMillis() + " ms"), late.getReason());
        assertTrue(late.getSourceTopic().endsWith("telemetry-by-service-repartition"), late.getSourceTopic());

        List<TelemetryAggregate> service = fixture.output(Topics.TELEMETRY_AGGREGATES).readValuesToList().stream()
                .filter(a -> a.getScope() == AggregateScope.SERVICE).toList();
        long windowsPerEvent = SETTINGS.serviceWindow().dividedBy(SETTINGS.serviceAdvance());
        assertEquals(2 * windowsPerEvent, service.size(), "the newest and the in-grace event, in all their windows");
        assertTrue(service.stream().allMatch(a -> a.getCount() == 1), "their windows do not overlap");
    }

    private void send(String host, Instant at) {
        telemetry.pipeInput(host, Events.telemetry(host, "svc", at, 0.5).build(), at);
    }
}
