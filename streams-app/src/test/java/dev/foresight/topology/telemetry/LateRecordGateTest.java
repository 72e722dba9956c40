package dev.foresight.topology.telemetry;

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
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * The service windows behind their repartition, fed directly (no ingest, whose own lateness check would
 * see these events first): lateness is judged per host; what the windows cannot take is dead-lettered, not
 * dropped.
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
        KStream<String, TelemetryEvent> byHost = builder.stream(Topics.TELEMETRY.name(),
                Consumed.with(Serdes.String(), serdes.<TelemetryEvent>valueSerde()));
        new TelemetryAggregation(serdes, SETTINGS, ForesightTopology.telemetryTopics(serdes),
                ForesightTopology.deadLetterSplit(serdes)).build(byHost, TelemetryByService.of(byHost, serdes.valueSerde()));
        fixture = new TopologyFixture(builder.build(), stateDir);
        telemetry = fixture.input(Topics.TELEMETRY);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldDeadLetterWhatIsLaterThanItsOwnHostsGraceAndCountTheRest() {
        Instant newest = START.plus(Duration.ofMinutes(30));
        Duration beyondGrace = SETTINGS.serviceGrace().plusMinutes(1);
        send("host-1", newest);
        send("host-1", newest.minus(beyondGrace));
        send("host-1", newest.minus(SETTINGS.serviceGrace().minusMinutes(1)));

        List<DeadLetter> deadLetters = fixture.output(Topics.DEAD_LETTERS).readValuesToList();
        assertEquals(1, deadLetters.size());
        DeadLetter late = deadLetters.get(0);
        assertEquals(TelemetryAggregation.SERVICE_GATE, late.getStage());
        assertTrue(late.getReason().startsWith("late by " + beyondGrace.toMillis() + " ms behind the newest record of "
                + "host-1"), late.getReason());
        assertTrue(late.getSourceTopic().endsWith("telemetry-by-service-repartition"), late.getSourceTopic());

        List<TelemetryAggregate> service = serviceAggregates();
        long windowsPerEvent = SETTINGS.serviceWindow().dividedBy(SETTINGS.serviceAdvance());
        assertEquals(2 * windowsPerEvent, service.size(), "the newest and the in-grace event, in all their windows");
        assertTrue(service.stream().allMatch(a -> a.getCount() == 1), "their windows do not overlap");
    }

    @Test
    void shouldCountAHostThatIsBehindTheOthersOfItsService() {
        Instant newest = START.plus(Duration.ofHours(3));
        send("host-1", newest);
        send("host-2", START);

        assertTrue(fixture.output(Topics.DEAD_LETTERS).isEmpty(), "host-2 is not late by its own clock");
        long windowsPerEvent = SETTINGS.serviceWindow().dividedBy(SETTINGS.serviceAdvance());
        assertEquals(2 * windowsPerEvent, serviceAggregates().size());
    }

    @Test
    void shouldDeadLetterWhatIsFurtherBehindTheOtherHostsThanTheWindowsStayOpen() {
        Duration beyondSkew = SETTINGS.serviceSkew().plusMinutes(1);
        send("host-1", START.plus(beyondSkew));
        send("host-2", START);

        List<DeadLetter> deadLetters = fixture.output(Topics.DEAD_LETTERS).readValuesToList();
        assertEquals(1, deadLetters.size());
        assertTrue(deadLetters.get(0).getReason().startsWith(beyondSkew.toMillis() + " ms behind the stream time"),
                deadLetters.get(0).getReason());
    }

    private List<TelemetryAggregate> serviceAggregates() {
        return fixture.output(Topics.TELEMETRY_AGGREGATES).readValuesToList().stream()
                .filter(a -> a.getScope() == AggregateScope.SERVICE).toList();
    }

    private void send(String host, Instant at) {
        telemetry.pipeInput(host, Events.telemetry(host, "svc", at, 0.5).build(), at);
    }
}
