package dev.foresight.app;

import dev.foresight.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the beginning to the end they had when the scan began, without a consumer group, and
 * only what was committed (an aborted transaction's records were never published). Values stay bytes.
 */
final class TopicScan {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Cluster kafka;

    TopicScan(Cluster kafka) {
        this.kafka = kafka;
    }

    /**
     * Hands every record to {@code visit} until it returns true or the topics are read to their end.
     *
     * @return true if {@code visit} stopped the scan
     * @throws ScanTimeout if {@code timeout} passes first
     */
    boolean scan(List<TopicSpec<?>> topics, Duration timeout, Predicate<ConsumerRecord<String, byte[]>> visit) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!readToEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new ScanTimeout();
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (visit.test(record)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The topics were not read to their end in time. */
    static final class ScanTimeout extends RuntimeException {

        private static final long serialVersionUID = 1L;
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
