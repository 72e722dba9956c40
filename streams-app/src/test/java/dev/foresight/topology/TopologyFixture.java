package dev.foresight.topology;

import dev.foresight.deadletter.DeadLetterHandlers;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topics.TopicSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver over the whole application, with typed Avro input and output topics. */
public final class TopologyFixture implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    private final AvroSerdes serdes = AvroSerdes.bundled();
    private final TopologyTestDriver driver;
    private Instant wallClock = START;

    public TopologyFixture(Path stateDir) {
        this(new ForesightTopology(AvroSerdes.bundled(), TopologySettings.defaults()).build(), stateDir);
    }

    public TopologyFixture(Topology topology, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "foresight-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putAll(DeadLetterHandlers.config(Topics.DEAD_LETTERS.name()));
        driver = new TopologyTestDriver(topology, props, START);
    }

    public <V extends SpecificRecord> TestInputTopic<String, V> input(TopicSpec<V> topic) {
        return driver.createInputTopic(topic.name(), Serdes.String().serializer(),
                serdes.<V>valueSerde().serializer(), START, java.time.Duration.ZERO);
    }

    public TestInputTopic<String, byte[]> rawInput(TopicSpec<?> topic) {
        return driver.createInputTopic(topic.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    public <V extends SpecificRecord> TestOutputTopic<String, V> output(TopicSpec<V> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(),
                serdes.<V>valueSerde().deserializer());
    }

    /** Moves the wall clock forward to {@code now}, as a live producer's events arrive when they happen. */
    public void clockAt(Instant now) {
        if (now.isAfter(wallClock)) {
            driver.advanceWallClockTime(java.time.Duration.between(wallClock, now));
            wallClock = now;
        }
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
