package dev.foresight.topics;

import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic of the catalogue: its name, what its key means, the Avro type of its values, and how the
 * broker keeps it. Keys are always UTF-8 strings.
 */
public record TopicSpec<V extends SpecificRecord>(
        String name, String key, Class<V> valueType, int partitions, String cleanupPolicy, Duration retention) {

    public NewTopic toNewTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
    }
}
