package dev.foresight.app;

import dev.foresight.topics.TopicSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Streams application is behind: its consumer group's lag on the input topics <b>and</b> on its
 * own repartition topics. A backlog is only processed when both are 0: records moved to a repartition
 * topic have left the inputs but not yet reached the stores and outputs.
 */
public final class GroupLag {

    private final Admin admin;
    private final String applicationId;

    public GroupLag(Admin admin, String applicationId) {
        this.admin = admin;
        this.applicationId = applicationId;
    }

    /** Lag in records, input topics and repartition topics separately. */
    public record Lag(long inputs, long repartitions) {
        public long total() {
            return inputs + repartitions;
        }
    }

    public Lag sample(List<TopicSpec<?>> inputs) throws ExecutionException, InterruptedException {
        List<String> inputNames = inputs.stream().map(TopicSpec::name).toList();
        List<String> repartitions = repartitionTopics();
        Map<TopicPartition, Long> ends = endOffsets(admin, Stream.concat(inputNames.stream(), repartitions.stream())
                .toList());
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        long inputLag = 0;
        long repartitionLag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long lag = Math.max(0, end.getValue() - (done == null ? 0 : done.offset()));
            if (inputNames.contains(end.getKey().topic())) {
                inputLag += lag;
            } else {
                repartitionLag += lag;
            }
        }
        return new Lag(inputLag, repartitionLag);
    }

    /** Kafka Streams names them {@code <application.id>-<name>-repartition}. */
    private List<String> repartitionTopics() throws ExecutionException, InterruptedException {
        String prefix = applicationId + "-";
        return admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(prefix) && name.endsWith("-repartition")).sorted().toList();
    }

    /** The end offset of every partition of {@code topics}. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> request.put(new TopicPartition(topic.name(), p.partition()),
                    OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : admin.listOffsets(request).all().get().entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }
}
