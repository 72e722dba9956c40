package dev.foresight.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangelogPrimerTest {

    private static final String APP = "primer-test";
    private static final String KV = "primer-kv-store";
    private static final String WINDOWS = "primer-window-store";

    @TempDir
    Path stateDir;

    /** Puts every record's value under its key, in both stores. */
    private static final class Remember implements ProcessorSupplier<String, String, Void, Void> {
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KV), Serdes.String(), Serdes.String()),
                    Stores.windowStoreBuilder(Stores.persistentWindowStore(WINDOWS, Duration.ofHours(2),
                            Duration.ofMinutes(1), false), Serdes.String(), Serdes.String()).withCachingEnabled());
        }

        @Override
        public Processor<String, String, Void, Void> get() {
            return new Processor<>() {
                private KeyValueStore<String, String> kv;
                private WindowStore<String, String> windows;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    kv = context.getStateStore(KV);
                    windows = context.getStateStore(WINDOWS);
                }

                @Override
                public void process(Record<String, String> record) {
                    kv.put(record.key(), record.value());
                    windows.put(record.key(), record.value(), record.timestamp());
                }
            };
        }
    }

    private TopologyTestDriver driver() {
        StreamsBuilder builder = NamedTopologies.builder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("primer-source"))
                .process(new Remember(), Named.as("primer-remember"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(builder.build(), props, Instant.parse("2026-12-01T00:00:00Z"));
    }

    private static TestOutputTopic<String, String> changelog(TopologyTestDriver driver, String store) {
        return driver.createOutputTopic(APP + "-" + store + "-changelog", new StringDeserializer(), new StringDeserializer());
    }

    @Test
    void shouldGiveTheChangelogOfAStoreThatNeverHadARecordOneTombstoneOnceItsTaskRuns() {
        try (TopologyTestDriver driver = driver()) {
            assertTrue(changelog(driver, KV).isEmpty(), "nothing before the task has run a round");
            driver.advanceWallClockTime(Duration.ofMillis(10));

            List<TestRecord<String, String>> kv = changelog(driver, KV).readRecordsToList();
            assertEquals(1, kv.size());
            assertEquals(ChangelogPrimer.KEY, kv.get(0).key());
            assertNull(kv.get(0).value(), "a tombstone: no store gains an entry");
            assertEquals(1, changelog(driver, WINDOWS).readRecordsToList().size());

            driver.advanceWallClockTime(Duration.ofMinutes(1));
            assertTrue(changelog(driver, KV).isEmpty(), "once per task start, not once per punctuation");
        }
    }

    @Test
    void shouldLeaveAStoresEntriesAndAWindowStoreWithDataAsTheyAre() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("host-1", "up", Instant.parse("2026-12-01T00:00:00Z"));
            driver.advanceWallClockTime(Duration.ofMillis(10));

            assertEquals(List.of(ChangelogPrimer.KEY, "host-1"), changelog(driver, KV).readRecordsToList().stream()
                    .map(TestRecord::key).sorted().toList(), "the record and the key-value store's tombstone");
            assertEquals(1, changelog(driver, WINDOWS).readRecordsToList().size(),
                    "a window store with data has its offset already: only the record");
            KeyValueStore<String, String> kv = driver.getKeyValueStore(KV);
            assertEquals("up", kv.get("host-1"));
            try (KeyValueIterator<String, String> all = kv.all()) {
                assertEquals("host-1", all.next().key);
                assertFalse(all.hasNext(), "the primer's key is not in the store");
            }
            WindowStore<String, String> windows = driver.getWindowStore(WINDOWS);
            assertEquals("up", windows.fetch("host-1", Instant.parse("2026-12-01T00:00:00Z").toEpochMilli()));
        }
    }

    /**
     * The whole application with nothing flowing: every changelog gets its record from the primer, the DSL's
     * cached window aggregates of telemetry too (their cache would drop the tombstone of a key it never held,
     * so the primer writes below it), so no task is wiped at its next start.
     */
    @Test
    void shouldGiveEveryChangelogOfTheApplicationARecordWhenNothingFlows() {
        Topology topology = new ForesightTopology(AvroSerdes.bundled(), TopologySettings.defaults()).build();
        try (TopologyFixture fixture = new TopologyFixture(topology, stateDir)) {
            fixture.clockAt(TopologyFixture.START.plusSeconds(1));
            List<String> empty = InternalTopics.of(topology.describe()).topicsOf("foresight-test").stream()
                    .filter(topic -> topic.endsWith("-changelog"))
                    .filter(topic -> fixture.driver().createOutputTopic(topic, Serdes.ByteArray().deserializer(),
                            Serdes.ByteArray().deserializer()).isEmpty())
                    .toList();
            assertEquals(List.of(), empty, "changelogs that would get their task wiped at every start");
        }
    }
}
