package dev.foresight.deadletter;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** The Streams settings that send every record Kafka Streams fails on to the dead-letter topic. */
public final class DeadLetterHandlers {

    private DeadLetterHandlers() {
    }

    /** The handlers for deserialization, processing (any processor) and production, and where they write. */
    public static Map<String, String> config(String deadLetterTopic) {
        return Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterOnDeserializationError.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnProcessingError.class.getName(),
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnProductionError.class.getName());
    }
}
