package dev.foresight.app;

import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** Reads a {@link Progress} from the broker with one admin client: end offsets and the group's lag. */
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
        Map<TopicPartition, Long> ends = GroupLag.endOffsets(admin, Stream.concat(Topics.INPUTS.stream(),
                Topics.OUTPUTS.stream()).map(TopicSpec::name).toList());
        GroupLag.Lag lag = new GroupLag(admin, applicationId).sample(Topics.INPUTS);
        return new Progress(System.currentTimeMillis(), state.get(), total(ends, Topics.INPUTS),
                total(ends, List.of(Topics.TELEMETRY_AGGREGATES)), total(ends, COMMANDS),
                total(ends, List.of(Topics.DEAD_LETTERS)), lag.inputs(), lag.repartitions());
    }

    private static long total(Map<TopicPartition, Long> ends, List<TopicSpec<?>> topics) {
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        return ends.entrySet().stream().filter(e -> names.contains(e.getKey().topic()))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
