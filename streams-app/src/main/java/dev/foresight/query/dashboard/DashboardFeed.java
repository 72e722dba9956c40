package dev.foresight.query.dashboard;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the output topics into a {@link DashboardView} on a thread of its own: committed records only
 * (what exactly-once has really published), every partition (each instance shows the whole system, so
 * the page needs no routing), starting {@link #HISTORY} records before the end of each partition.
 * No consumer group: nothing is committed, and a restart starts from the recent end again.
 */
public final class DashboardFeed implements AutoCloseable {

    /** Records per partition read from before the start, so a fresh page is not empty. */
    static final long HISTORY = 200;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final DashboardView view;
    private final Thread thread;
    private volatile boolean closed;

    private DashboardFeed(KafkaConsumer<String, SpecificRecord> consumer, DashboardView view) {
        this.consumer = consumer;
        this.view = view;
        this.thread = new Thread(this::run, "dashboard-feed");
        thread.setDaemon(true);
    }

    /** @param clientConfig the cluster's client settings (bootstrap servers, security) */
    public static DashboardFeed start(Map<String, Object> clientConfig, Deserializer<SpecificRecord> values,
                                      DashboardView view) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "foresight-dashboard-" + UUID.randomUUID());
        DashboardFeed feed = new DashboardFeed(new KafkaConsumer<>(config, new StringDeserializer(), values), view);
        feed.thread.start();
        return feed;
    }

    private void run() {
        try {
            assignRecentEnd();
            while (!closed) {
                poll();
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("The dashboard stopped following the output topics", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    private void assignRecentEnd() {
        List<TopicPartition> partitions = DashboardView.topics().stream()
                .flatMap(topic -> consumer.partitionsFor(topic).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        consumer.endOffsets(partitions).forEach((partition, end) ->
                consumer.seek(partition, Math.max(begin.get(partition), end - HISTORY)));
    }

    private void poll() {
        try {
            for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(POLL)) {
                if (record.value() instanceof GenericRecord value) {
                    view.accept(record.topic(), record.key(), value);
                }
            }
        } catch (RecordDeserializationException e) {
            LOG.warn("Skipping a record the dashboard cannot read at {} offset {}: {}", e.topicPartition(), e.offset(),
                    e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
