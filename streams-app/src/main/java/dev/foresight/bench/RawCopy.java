package dev.foresight.bench;

import dev.foresight.producers.KafkaEventSink;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Rung L0: the broker and clients alone. A consumer in the rung's group copies every input record to
 * {@link Rung#SINK_TOPIC} with the simulators' producer settings and commits every {@value #COMMIT_MS} ms
 * after a flush (at-least-once), so the group's lag says when it is done, as for the Streams rungs.
 */
@SuppressWarnings("try") // closing joins the copying thread, and a benchmark may be interrupted meanwhile
final class RawCopy implements AutoCloseable {

    private static final long COMMIT_MS = 500;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread thread;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;

    private RawCopy(Properties streamsProps) {
        String bootstrap = streamsProps.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, streamsProps.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerConfig = KafkaEventSink.producerDefaults();
        producerConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        thread = new Thread(this::copy, "bench-raw-copy");
    }

    static RawCopy start(Properties streamsProps) throws InterruptedException {
        RawCopy copy = new RawCopy(streamsProps);
        copy.thread.start();
        if (!copy.assigned.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("no partitions assigned in 2 minutes");
        }
        return copy;
    }

    private void copy() {
        consumer.subscribe(Rung.inputNames(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // nothing buffered outside the producer, which the next commit flushes
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned.countDown();
            }
        });
        long lastCommit = System.currentTimeMillis();
        while (!stop.get()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(Rung.SINK_TOPIC, null, r.timestamp(), r.key(), r.value()));
            }
            if (System.currentTimeMillis() - lastCommit >= COMMIT_MS) {
                producer.flush();
                consumer.commitSync();
                lastCommit = System.currentTimeMillis();
            }
        }
        producer.flush();
        consumer.commitSync();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join();
        consumer.close();
        producer.close();
    }
}
