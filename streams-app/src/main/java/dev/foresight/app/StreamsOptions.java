package dev.foresight.app;

import dev.foresight.config.StreamsProperties;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Option;

/** Which Streams application a command runs or resets; flags win over any other source. */
final class StreamsOptions {

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application.id: consumer group and prefix of internal topics "
                    + "(default: " + StreamsProperties.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Local state stores (default: " + StreamsProperties.DEFAULT_STATE_DIR + ").")
    String stateDir;

    Properties streamsProperties(Cluster cluster) {
        Map<String, String> overrides = cluster.kafkaOverrides();
        if (cluster.isEmbedded()) {
            // One in-process broker serves one local instance: a standby has nowhere to go, and Streams
            // would warn about it for every task at every rebalance. Set it to add a second instance.
            overrides.putIfAbsent(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
        }
        if (applicationId != null) {
            overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        }
        if (stateDir != null) {
            overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        return StreamsProperties.create(cluster.bootstrapServers(), overrides, cluster.schemaRegistryUrl());
    }

    /**
     * As {@link #streamsProperties(Cluster)}, for an instance that answers interactive queries at
     * {@code endpoint}: Kafka Streams tells every instance which one owns a key by this address.
     */
    Properties streamsProperties(Cluster cluster, HostInfo endpoint) {
        Properties props = streamsProperties(cluster);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, endpoint.host() + ":" + endpoint.port());
        return props;
    }
}
