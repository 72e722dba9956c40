package dev.foresight.config;

import dev.foresight.deadletter.DeadLetterHandlers;
import dev.foresight.topics.Topics;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the app: our defaults, overridden by whatever the operator passed. */
public final class StreamsProperties {

    public static final String DEFAULT_APPLICATION_ID = "foresight";
    public static final String DEFAULT_STATE_DIR = "data/streams";
    /** Not a Kafka key: tells the dead-letter handlers which serdes to use. */
    public static final String SCHEMA_REGISTRY_URL = "foresight.schema.registry.url";

    private StreamsProperties() {
    }

    /**
     * @param bootstrapServers the cluster, already resolved (embedded or given)
     * @param overrides        Kafka settings from file, environment and flags; they win over our defaults
     * @param registryUrl      Apicurio Registry, or empty for the bundled schemas
     */
    @SuppressWarnings("deprecation") // the global-handler switch: deprecated in 4.3, yet unset it warns on every start
    public static Properties create(String bootstrapServers, Map<String, String> overrides,
                                    Optional<String> registryUrl) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, DEFAULT_STATE_DIR);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Commands must not be emitted twice after a crash. Under exactly-once a record is visible to the
        // next hop only once its transaction commits, and ActionStarted -> RESERVE crosses a repartition:
        // about two commit intervals end to end. 1 s gave p99 2 s; 100 ms keeps p99 within 250 ms at half
        // load, for more, smaller transactions (see the benchmark section of the README).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        // A generated changelog or repartition name changes when the topology changes and silently
        // orphans state; refuse to start instead.
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // No global stores; set only so Streams does not warn about a future default on every start.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        failover(props);
        // A record that fails anywhere becomes a dead letter; only infrastructure errors stop a task.
        props.putAll(DeadLetterHandlers.config(Topics.DEAD_LETTERS.name()));
        props.putAll(overrides);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        registryUrl.ifPresent(url -> props.put(SCHEMA_REGISTRY_URL, url));
        return props;
    }

    /**
     * Failover in seconds, chosen by measurement (README, "Failover"): a standby of every task on another
     * instance, so its state is there when the task moves; and a dead member noticed after 6 s (the broker's
     * minimum session timeout) instead of 45 s. A dead member's open transaction, which holds back every
     * read_committed reader of the partitions it wrote, is aborted by the app's own fencer as soon as the
     * group drops the member ({@code app.DeadInstanceFencer}), so the transaction timeout stays at Kafka
     * Streams' 10 s: a live transaction starved on a loaded machine is not aborted under it.
     */
    private static void failover(Properties props) {
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000");
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1500");
    }

    public static String applicationId(Properties streamsProperties) {
        return streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }
}
