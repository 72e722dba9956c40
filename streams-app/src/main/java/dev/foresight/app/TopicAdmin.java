package dev.foresight.app;

import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topic catalogue ({@link Topics#ALL}) on a cluster; topics that already exist are left alone. */
public final class TopicAdmin {

    /** Lets the broker's {@code default.replication.factor} decide (KIP-464). */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LEADER_POLL = Duration.ofMillis(50);

    private final Admin admin;

    public TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates the missing topics of the catalogue, waits until every partition of the catalogue has a
     * leader, and returns the names of the topics it created. Without the wait the first producers and
     * the Streams app race the leader elections and log NOT_LEADER_OR_FOLLOWER retries.
     */
    public List<String> createCatalogue(short replicationFactor) throws InterruptedException {
        return create(Topics.ALL, replicationFactor);
    }

    /** As {@link #createCatalogue}, for {@code topics}. */
    public List<String> create(List<TopicSpec<?>> topics, short replicationFactor) throws InterruptedException {
        List<NewTopic> wanted = topics.stream().map(spec -> spec.toNewTopic(replicationFactor)).toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(wanted).values();
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get();
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + result.getKey(), e.getCause());
                }
            }
        }
        awaitLeaders(topics.stream().map(TopicSpec::name).toList());
        return created;
    }

    /** Waits (at most {@link #LEADER_TIMEOUT}) until every partition of {@code topics} has a leader. */
    public void awaitLeaders(List<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        while (!allHaveLeaders(topics)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics still without leaders after " + LEADER_TIMEOUT + ": " + topics);
            }
            Thread.sleep(LEADER_POLL.toMillis());
        }
    }

    private boolean allHaveLeaders(List<String> topics) throws InterruptedException {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            // metadata of a just-created topic may not have reached the broker answering yet
            return false;
        }
    }

    /** The newest record timestamp on any of {@code topics}, if they hold records. */
    public Optional<Instant> latestTimestamp(List<TopicSpec<?>> topics) throws InterruptedException,
            ExecutionException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicSpec<?> topic : topics) {
            for (int partition = 0; partition < topic.partitions(); partition++) {
                request.put(new TopicPartition(topic.name(), partition), OffsetSpec.maxTimestamp());
            }
        }
        return admin.listOffsets(request).all().get().values().stream()
                .mapToLong(ListOffsetsResultInfo::timestamp).filter(ts -> ts >= 0).max().stream()
                .mapToObj(Instant::ofEpochMilli).findFirst();
    }

    /** The catalogue as a fixed-width table: name, key, partitions, cleanup, retention, value type. */
    public static String catalogueTable() {
        String format = "%-26s %-20s %10s %-8s %9s  %s%n";
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, format,
                "TOPIC", "KEY", "PARTITIONS", "CLEANUP", "RETENTION", "VALUE"));
        for (TopicSpec<?> spec : Topics.ALL) {
            table.append(String.format(Locale.ROOT, format, spec.name(), spec.key(), spec.partitions(),
                    spec.cleanupPolicy(), days(spec.retention()), spec.valueType().getName()));
        }
        return table.toString();
    }

    private static String days(Duration retention) {
        return retention.toHours() % 24 == 0 ? retention.toDays() + " d" : retention.toString();
    }
}
