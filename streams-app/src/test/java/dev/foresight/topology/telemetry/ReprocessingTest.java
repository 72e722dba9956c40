package dev.foresight.topology.telemetry;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * Reset-and-reprocess equals live for the service windows: live, every host's samples reach the service
 * repartition in step; reprocessing a backlog, upstream tasks drain their partitions at different speeds,
 * so a whole hour of one host arrives before another's. Both orders must give the same final window values
 * and dead-letter nothing. (The driver has one partition per topic, so the host windows, which in a real
 * cluster see each partition in order, are not compared here.)
 */
class ReprocessingTest {

    private static final List<String> HOSTS = List.of("h-a1", "h-a2", "h-a3", "h-b1");
    private static final Duration SPAN = Duration.ofHours(1);
    private static final Duration EVERY = Duration.ofMinutes(1);

    @TempDir
    Path liveDir;

    @TempDir
    Path reprocessDir;

    private record Sample(String host, Instant at, double cpu) {
    }

    @Test
    void shouldKeepEveryServiceWindowWhenHostsArriveHoursApart() {
        List<Sample> samples = samples();
        List<Sample> live = samples.stream().sorted(Comparator.comparing(Sample::at)).toList();
        List<Sample> hostAfterHost = samples.stream()
                .sorted(Comparator.comparing(Sample::host).thenComparing(Sample::at)).toList();

        Outcome liveRun = run(live, liveDir);
        Outcome reprocessed = run(hostAfterHost, reprocessDir);

        assertEquals(0, liveRun.deadLetters());
        assertEquals(0, reprocessed.deadLetters(), "no valid sample is dead-lettered while reprocessing");
        assertEquals(liveRun.finalWindows().size(), reprocessed.finalWindows().size());
        assertEquals(liveRun.finalWindows(), reprocessed.finalWindows());
        long samplesPerWindow = liveRun.finalWindows().values().stream().mapToLong(TelemetryAggregate::getCount).max()
                .orElseThrow();
        assertEquals(3 * Duration.ofMinutes(5).dividedBy(EVERY), samplesPerWindow, "service a has three hosts");
    }

    /** Every host every minute for an hour; cpu values are exact in binary, so sums do not depend on order. */
    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (int h = 0; h < HOSTS.size(); h++) {
            for (long t = 0; t < SPAN.toMillis(); t += EVERY.toMillis()) {
                samples.add(new Sample(HOSTS.get(h), START.plusMillis(t + h), ((t / EVERY.toMillis() + h) % 8) / 8.0));
            }
        }
        return samples;
    }

    private record Outcome(Map<String, TelemetryAggregate> finalWindows, long deadLetters) {
    }

    private static Outcome run(List<Sample> order, Path stateDir) {
        AvroSerdes serdes = AvroSerdes.bundled();
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, TelemetryEvent> byHost = builder.stream(Topics.TELEMETRY.name(),
                Consumed.with(Serdes.String(), serdes.<TelemetryEvent>valueSerde()));
        new TelemetryAggregation(serdes, AggregationSettings.defaults(), ForesightTopology.telemetryTopics(serdes),
                ForesightTopology.deadLetterSplit(serdes)).build(byHost, TelemetryByService.of(byHost, serdes.valueSerde()));
        try (TopologyFixture fixture = new TopologyFixture(builder.build(), stateDir)) {
            var telemetry = fixture.input(Topics.TELEMETRY);
            for (Sample s : order) {
                String service = "svc-" + s.host().charAt(2);
                telemetry.pipeInput(s.host(), Events.telemetry(s.host(), service, s.at(), s.cpu())
                        .setEventId(s.host() + "@" + s.at()).build(), s.at());
            }
            Map<String, TelemetryAggregate> last = new TreeMap<>();
            fixture.output(Topics.TELEMETRY_AGGREGATES).readValuesToList().stream()
                    .filter(a -> a.getScope() == AggregateScope.SERVICE)
                    .forEach(a -> last.put(a.getId() + "@" + a.getWindowStart(), a));
            assertTrue(last.size() > 2 * 60, "an hour of five-minute windows hopping by a minute, per service");
            return new Outcome(last, fixture.output(Topics.DEAD_LETTERS).getQueueSize());
        }
    }
}
