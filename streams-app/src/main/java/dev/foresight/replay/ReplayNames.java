package dev.foresight.replay;

import dev.foresight.topics.TopicSpec;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where a replay writes: every topic the app writes gets a copy named {@code <replayId>.<name>}; the topics
 * it only reads (inputs, reference data, operators' records) keep their names, so the replay reads the recorded
 * history and never writes to a live topic. Kafka Streams prefixes its internal topics with the replay's
 * application id already.
 */
public final class ReplayNames implements UnaryOperator<String> {

    private final String replayId;
    private final Set<String> written;

    /** @param written the topics the app writes (the catalogue's outputs) */
    public ReplayNames(String replayId, List<TopicSpec<?>> written) {
        this.replayId = replayId;
        this.written = written.stream().map(TopicSpec::name).collect(Collectors.toUnmodifiableSet());
    }

    public String replayId() {
        return replayId;
    }

    /** The replay's name of a topic of the catalogue. */
    @Override
    public String apply(String topic) {
        return written.contains(topic) ? replayId + "." + topic : topic;
    }

    /** {@code spec} under the replay's name: same partitions, cleanup and retention. */
    public <V extends SpecificRecord> TopicSpec<V> of(TopicSpec<V> spec) {
        return new TopicSpec<>(apply(spec.name()), spec.key(), spec.valueType(), spec.partitions(),
                spec.cleanupPolicy(), spec.retention());
    }

    /** The catalogue's name of one of the replay's topics. */
    public String original(String topic) {
        String prefix = replayId + ".";
        return topic.startsWith(prefix) && written.contains(topic.substring(prefix.length()))
                ? topic.substring(prefix.length()) : topic;
    }
}
