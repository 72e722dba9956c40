package dev.foresight.producers;

import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Sends events to Kafka: String keys, Avro values in the Confluent wire format, the event time as the
 * record timestamp. A failed send is not swallowed: the next {@link #send} or {@link #flush} throws it.
 */
public final class KafkaEventSink implements EventSink {

    private final Producer<String, SpecificRecord> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public KafkaEventSink(Producer<String, SpecificRecord> producer) {
        this.producer = producer;
    }

    /**
     * Opens a producer with {@link #producerDefaults()} overridden by {@code kafkaConfig}, which must at
     * least hold {@code bootstrap.servers}.
     */
    public static KafkaEventSink connect(Map<String, Object> kafkaConfig, AvroSerdes serdes) {
        Map<String, Object> config = producerDefaults();
        config.putAll(kafkaConfig);
        return new KafkaEventSink(new KafkaProducer<>(config, new StringSerializer(),
                serdes.<SpecificRecord>valueSerde().serializer()));
    }

    /** Durable, ordered and batched: simulators send many small records per host. */
    public static Map<String, Object> producerDefaults() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    @Override
    public <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value, long timestampMs) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic.name(), partition(topic, key), timestampMs, key, value), (metadata, error) -> {
            if (error != null) {
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    /**
     * Null (the producer's own choice, by the key) unless the catalogue partitions the topic by part of the
     * key; then the partition Kafka's partitioner would choose for that part as a key.
     */
    private Integer partition(TopicSpec<?> topic, String key) {
        return Topics.partitionKey(topic, key).map(by -> Utils.toPositive(Utils.murmur2(
                by.getBytes(StandardCharsets.UTF_8))) % producer.partitionsFor(topic.name()).size()).orElse(null);
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        producer.close();
    }

    private void throwIfFailed() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new KafkaException("an earlier send failed", failure);
        }
    }
}
