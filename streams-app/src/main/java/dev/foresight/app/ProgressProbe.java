package dev.foresight.app;

import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Reads a {@link Progress} from the broker with one admin client: end offsets and committed offsets. */
final class ProgressProbe {

    /** Outputs that tell an executor to act: their values are the Avro types of the commands package. */
    static final List<TopicSpec<?>> COMMANDS = Topics.OUTPUTS.stream()
            .filter(t -> t.valueType().getPackageName().equals(RollbackCommand.class.getPackageName())).toList();

    private final Admin admin;
    private final String applicationId;
    private final Supplier<String> state;

    ProgressProbe(Admin admin, String applicationId, Supplier<String> state) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.state = state;
    }

    Progress sample() throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> ends = endOffsets(Stream.concat(Topics.INPUTS.stream(), Topics.OUTPUTS.stream())
                .map(TopicSpec::name).toList());
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (TopicSpec<?> input : Topics.INPUTS) {
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (end.getKey().topic().equals(input.name())) {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    lag += end.getValue() - (done == null ? 0 : done.offset());
                }
            }
        }
        return new Progress(System.currentTimeMillis(), state.get(), total(ends, Topics.INPUTS),
                total(ends, List.of(Topics.TELEMETRY_AGGREGATES)), total(ends, COMMANDS),
                total(ends, List.of(Topics.DEAD_LETTERS)), lag);
    }

    private Map<TopicPartition, Long> endOffsets(Collection<String> topics)
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

    private static long total(Map<TopicPartition, Long> ends, List<TopicSpec<?>> topics) {
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        return ends.entrySet().stream().filter(e -> names.contains(e.getKey().topic()))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
