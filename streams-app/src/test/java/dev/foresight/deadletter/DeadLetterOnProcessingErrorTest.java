package dev.foresight.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any processor that throws on a record: the record becomes a dead letter unless the failure is infrastructural. */
class DeadLetterOnProcessingErrorTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, String> output;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("test-source"))
                .mapValues(DeadLetterOnProcessingErrorTest::parse, Named.as("test-parse"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("test-sink"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "handler-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putAll(DeadLetterHandlers.config("dead"));
        driver = new TopologyTestDriver(builder.build(), props, T0);
        input = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
        output = driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
        deadLetters = driver.createOutputTopic("dead", Serdes.String().deserializer(),
                AvroSerdes.bundled().<DeadLetter>valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** Throws what a data bug throws for "NaN-ish" input, and a store failure for "disk". */
    private static String parse(String value) {
        if (value.equals("disk")) {
            throw new ProcessorStateException("Error while getting value for key from store test-store");
        }
        return Integer.toString(Integer.parseInt(value) * 2);
    }

    @Test
    void shouldDeadLetterARecordAnyProcessorThrowsOnAndGoOn() {
        input.pipeInput("k1", "21", T0);
        input.pipeInput("k2", "99999999999", T0.plusSeconds(1));
        input.pipeInput("k3", "4", T0.plusSeconds(2));

        assertEquals(List.of("42", "8"), output.readValuesToList());
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(1, letters.size());
        DeadLetter letter = letters.get(0);
        assertEquals("process:test-parse", letter.getStage());
        assertEquals("in", letter.getSourceTopic());
        assertEquals(1, letter.getOffset());
        assertEquals(T0.plusSeconds(1), letter.getInputTimestamp());
        assertEquals("NumberFormatException: For input string: \"99999999999\"", letter.getReason());
        assertEquals(NumberFormatException.class.getName(), letter.getErrorClass());
        assertTrue(letter.getStackTrace().contains("at java.base/java.lang.Integer.parseInt"), letter.getStackTrace());
        assertEquals("99999999999", StandardCharsets.UTF_8.decode(letter.getValue()).toString());
    }

    @Test
    void shouldStillFailOnAStoreFailure() {
        assertThrows(StreamsException.class, () -> input.pipeInput("k1", "disk", T0));
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void shouldTellDataErrorsFromInfrastructureErrors() {
        assertFalse(Failures.isInfrastructure(new StreamsException(new ClassCastException("TelemetryEvent"))));
        assertFalse(Failures.isInfrastructure(new org.apache.kafka.common.errors.SerializationException("bad bytes")));
        assertTrue(Failures.isInfrastructure(new StreamsException(new ProcessorStateException("rocksdb"))));
        assertTrue(Failures.isInfrastructure(new org.apache.kafka.common.errors.TimeoutException("broker")));
        assertTrue(Failures.isInfrastructure(new RuntimeException(new java.io.IOException("disk full"))));
    }

    @Test
    void shouldCapTheStackTraceHead() {
        Exception deep = new IllegalStateException("outer", new IllegalArgumentException("inner"));
        String head = StackTraceHead.of(deep, 4096);
        assertTrue(head.startsWith("java.lang.IllegalStateException: outer\n\tat "), head);
        assertTrue(head.contains("Caused by: java.lang.IllegalArgumentException: inner"), head);
        assertTrue(StackTraceHead.of(deep, 100).length() <= 100);
    }
}
