package dev.foresight.app;

import dev.foresight.query.explain.FoundCommand;
import dev.foresight.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Finds a command by its id on the command topics: reads them from the beginning to their current end, without
 * a consumer group, and only what was committed (an aborted transaction's command was never issued).
 */
final class CommandSearch {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Cluster kafka;

    CommandSearch(Cluster kafka) {
        this.kafka = kafka;
    }

    /** @throws UserError if {@code timeout} passes before the topics are read to their end */
    Optional<FoundCommand> find(String id, List<TopicSpec<?>> topics, Duration timeout) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<SpecificRecord> values = kafka.serdes().<SpecificRecord>valueSerde().deserializer();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!readToEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new UserError("command " + id + " not found within " + timeout.toSeconds()
                            + " s, before the command topics were read to their end; raise --timeout");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    Optional<FoundCommand> found = matching(id, record, values);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<FoundCommand> matching(String id, ConsumerRecord<String, byte[]> record,
                                                   Deserializer<SpecificRecord> values) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            SpecificRecord value = values.deserialize(record.topic(), record.value());
            return FoundCommand.idOf(value).filter(id::equals).map(match -> new FoundCommand(record.topic(),
                    record.partition(), record.offset(), record.key(), value));
        } catch (SerializationException e) {
            return Optional.empty(); // not one of ours: it cannot be the command asked for
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<TopicSpec<?>> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicSpec<?> topic : topics) {
            consumer.partitionsFor(topic.name())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    private static boolean readToEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
