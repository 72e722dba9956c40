package dev.foresight.config;

import dev.foresight.errors.DeadLetters;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns a record that Kafka Streams itself failed on (outside our validation) into a record for the
 * dead-letter topic, in the same Avro {@link DeadLetter} shape the topology writes.
 */
final class DeadLetterRecords {

    private final Serializer<DeadLetter> serializer;

    private DeadLetterRecords(Serializer<DeadLetter> serializer) {
        this.serializer = serializer;
    }

    /** Built from the Streams configuration the handler receives in {@code configure}. */
    static DeadLetterRecords from(Map<String, ?> streamsConfig) {
        Optional<String> registryUrl = Optional.ofNullable(streamsConfig.get(StreamsProperties.SCHEMA_REGISTRY_URL))
                .map(Object::toString);
        return new DeadLetterRecords(new AvroSerdes(registryUrl).<DeadLetter>valueSerde().serializer());
    }

    ProducerRecord<byte[], byte[]> of(ErrorHandlerContext context, String stage, Exception error,
                                      byte[] key, byte[] value) {
        DeadLetter letter = DeadLetters.of(source(context), context.timestamp(), System.currentTimeMillis(),
                stage + ":" + context.processorNodeId(), String.valueOf(error.getMessage()), error, key, value);
        String topic = Topics.DEAD_LETTERS.name();
        return new ProducerRecord<>(topic, key, serializer.serialize(topic, letter));
    }

    private static RecordMetadata source(ErrorHandlerContext context) {
        return new RecordMetadata() {
            @Override
            public String topic() {
                // Null when the failing record came from a punctuation, not from an input topic.
                return context.topic() == null ? "" : context.topic();
            }

            @Override
            public int partition() {
                return context.partition();
            }

            @Override
            public long offset() {
                return context.offset();
            }
        };
    }
}
