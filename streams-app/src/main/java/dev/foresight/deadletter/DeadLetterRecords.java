package dev.foresight.deadletter;

import dev.foresight.config.StreamsProperties;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.serde.AvroSerdes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Turns a record that Kafka Streams failed on (outside our validation) into a record for the
 * dead-letter topic ({@code errors.dead.letter.queue.topic.name}), in the same Avro {@link DeadLetter}
 * shape the topology writes.
 */
final class DeadLetterRecords {

    private final String topic;
    private final Serializer<DeadLetter> serializer;

    private DeadLetterRecords(String topic, Serializer<DeadLetter> serializer) {
        this.topic = topic;
        this.serializer = serializer;
    }

    /** Built from the Streams configuration the handler receives in {@code configure}. */
    static DeadLetterRecords from(Map<String, ?> streamsConfig) {
        Object topic = Objects.requireNonNull(streamsConfig.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG),
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " is not set");
        Optional<String> registryUrl = Optional.ofNullable(streamsConfig.get(StreamsProperties.SCHEMA_REGISTRY_URL))
                .map(Object::toString);
        return new DeadLetterRecords(topic.toString(), new AvroSerdes(registryUrl).<DeadLetter>valueSerde().serializer());
    }

    /** @param stage what failed ({@code process}, {@code deserialize}, ...); the processor's name is added */
    ProducerRecord<byte[], byte[]> of(ErrorHandlerContext context, String stage, Exception error) {
        byte[] key = DeadLetters.keptKey(context.sourceRawKey());
        DeadLetter letter = DeadLetters.of(Coordinates.of(context), System.currentTimeMillis(),
                stage + ":" + context.processorNodeId(), DeadLetters.describe(error), error, key,
                context.sourceRawValue());
        return new ProducerRecord<>(topic, key, serializer.serialize(topic, letter));
    }
}
