package dev.foresight.topology.telemetry;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.telemetry.TelemetryStats;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.AggregateScope;
import dev.foresight.schema.state.TelemetryAggregate;
import dev.foresight.topics.Topics;
import dev.foresight.topology.Events;
import dev.foresight.topology.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryAggregationTest {

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, TelemetryEvent> telemetry;
    private TestOutputTopic<String, TelemetryAggregate> aggregates;

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture(stateDir);
        telemetry = fixture.input(Topics.TELEMETRY);
        aggregates = fixture.output(Topics.TELEMETRY_AGGREGATES);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldAggregateEachHostPerTumblingMinute() {
        send("host-1", "svc", START.plusSeconds(10), 0.2);
        send("host-1", "svc", START.plusSeconds(20), 0.6);
        send("host-1", "svc", START.plusSeconds(70), 0.9);

        Map<Instant, TelemetryAggregate> latest = latestHostWindows("host-1");
        TelemetryAggregate first = latest.get(START);
        assertEquals(2, first.getCount());
        assertEquals(0.4, TelemetryStats.mean(first.getCpu(), first.getCount()), 1e-9);
        assertEquals(0.2, first.getCpu().getMin());
        assertEquals(0.6, first.getCpu().getMax());
        assertEquals(START.plusSeconds(60), first.getWindowEnd());
        assertEquals(1, latest.get(START.plusSeconds(60)).getCount());
    }

    @Test
    void shouldAggregateEachServiceOverHoppingWindows() {
        send("host-1", "svc", START.plusSeconds(10), 0.2);
        send("host-2", "svc", START.plusSeconds(15), 0.4);

        List<TelemetryAggregate> service = aggregates.readValuesToList().stream()
                .filter(a -> a.getScope() == AggregateScope.SERVICE).toList();
        long windowsHoldingBoth = service.stream().filter(a -> a.getCount() == 2).count();
        assertEquals(5, windowsHoldingBoth, "a 5 minute window hopping by 1 minute covers an instant 5 times");
        assertTrue(service.stream().allMatch(a -> a.getId().equals("svc")));
    }

    @Test
    void shouldCountLateEventWithinGraceAndDropItAfterGrace() {
        send("host-1", "svc", START.plusSeconds(10), 0.2);
        send("host-1", "svc", START.plusSeconds(75), 0.2);
        send("host-1", "svc", START.plusSeconds(50), 0.4);
        assertEquals(2, latestHostWindows("host-1").get(START).getCount(), "15 s late is within 30 s grace");

        send("host-1", "svc", START.plusSeconds(200), 0.2);
        send("host-1", "svc", START.plusSeconds(30), 0.9);
        assertEquals(2, storedHostWindow("host-1", START).getCount(), "a window past its grace is closed");
    }

    @Test
    void shouldKeepHostWindowsInNamedQueryableStore() {
        send("host-7", "svc", START.plusSeconds(5), 0.5);
        assertEquals(1, storedHostWindow("host-7", START).getCount());
    }

    @Test
    void shouldNameEveryStoreAndRepartitionTopic() {
        String description = fixture.driver().producedTopicNames().toString()
                + new dev.foresight.topology.ForesightTopology(dev.foresight.serde.AvroSerdes.bundled(),
                        dev.foresight.topology.TopologySettings.defaults()).build().describe();
        assertTrue(description.contains(TelemetryAggregation.HOST_STORE));
        assertTrue(description.contains(TelemetryAggregation.SERVICE_STORE));
        assertTrue(description.contains("telemetry-by-service-repartition"));
        assertTrue(!description.contains("KSTREAM-"), "no generated processor names");
        assertTrue(!description.contains("KTABLE-"), "no generated processor names");
    }

    private void send(String host, String service, Instant at, double cpu) {
        fixture.clockAt(at);
        telemetry.pipeInput(host, Events.telemetry(host, service, at, cpu).build(), at);
    }

    private Map<Instant, TelemetryAggregate> latestHostWindows(String host) {
        return aggregates.readValuesToList().stream()
                .filter(a -> a.getScope() == AggregateScope.HOST && a.getId().equals(host))
                .collect(Collectors.toMap(TelemetryAggregate::getWindowStart, a -> a, (a, b) -> b));
    }

    private TelemetryAggregate storedHostWindow(String host, Instant windowStart) {
        WindowStore<String, ValueAndTimestamp<TelemetryAggregate>> store =
                fixture.driver().getTimestampedWindowStore(TelemetryAggregation.HOST_STORE);
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<TelemetryAggregate>> it =
                     store.fetch(host, host, windowStart, windowStart.plus(Duration.ofMillis(1)))) {
            return it.next().value.value();
        }
    }
}
