package dev.foresight.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.deadletter.DeadLetterOnDeserializationError;
import dev.foresight.deadletter.DeadLetterOnProcessingError;
import dev.foresight.deadletter.DeadLetterOnProductionError;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

    @Test
    void shouldDefaultToExactlyOnceWithEnforcedNamingAndDeadLetterHandlers() {
        Properties props = StreamsProperties.create("localhost:9092", Map.of(), Optional.empty());

        assertEquals("foresight", props.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("true", props.get(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG));
        assertEquals(DeadLetterOnDeserializationError.class.getName(),
                props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(DeadLetterOnProductionError.class.getName(),
                props.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(DeadLetterOnProcessingError.class.getName(),
                props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals("deadletter.v1", props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
    }

    @Test
    void shouldDefaultToAStandbyAndAShortSessionAndLeaveTheTransactionTimeoutToStreams() {
        Properties props = StreamsProperties.create("localhost:9092", Map.of(), Optional.empty());

        assertEquals("1", props.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
        assertEquals("6000", props.get("main.consumer.session.timeout.ms"));
        assertEquals("1500", props.get("main.consumer.heartbeat.interval.ms"));
        assertNull(props.get("producer.transaction.timeout.ms"),
                "the fencer ends a dead instance's transaction; a short timeout would abort starved live ones");
    }

    @Test
    void shouldLetOverridesWinOverDefaults() {
        Properties props = StreamsProperties.create("localhost:9092", Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
                StreamsConfig.APPLICATION_ID_CONFIG, "other"), Optional.empty());

        assertEquals(StreamsConfig.AT_LEAST_ONCE, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("other", props.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Test
    void shouldProduceAValidStreamsConfig() {
        Properties props = StreamsProperties.create("localhost:9092", Map.of(), Optional.of("http://registry:8080"));

        StreamsConfig config = new StreamsConfig(props);

        assertEquals("http://registry:8080", config.originals().get(StreamsProperties.SCHEMA_REGISTRY_URL));
    }
}
