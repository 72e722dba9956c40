package dev.foresight.app;

import dev.foresight.schema.commands.DemandReport;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads every committed report on {@code demand.reports.v1}, from the start to the end offsets of now. */
final class DemandReportsTopic {

    private final Cluster cluster;

    DemandReportsTopic(Cluster cluster) {
        this.cluster = cluster;
    }

    /** @return the reports in time order */
    List<DemandReport> readAll(Duration timeout) throws TimeoutException {
        Map<String, Object> config = cluster.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, DemandReport> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                cluster.serdes().<DemandReport>valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEMAND_REPORTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            List<DemandReport> reports = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TimeoutException("reading " + Topics.DEMAND_REPORTS.name() + " took over " + timeout);
                }
                for (ConsumerRecord<String, DemandReport> record : consumer.poll(Duration.ofMillis(200))) {
                    reports.add(record.value());
                }
            }
            reports.sort(Comparator.comparing(DemandReport::getIssuedAt));
            return reports;
        }
    }
}
