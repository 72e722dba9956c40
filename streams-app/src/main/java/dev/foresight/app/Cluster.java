package dev.foresight.app;

import dev.foresight.serde.AvroSerdes;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * The Kafka cluster a command works with: the configured one, or else an embedded broker that lives
 * exactly as long as this object.
 */
final class Cluster implements AutoCloseable {

    /** The client id of the reachability check ({@link HarmlessKafkaLogLines} knows it). */
    static final String CONNECT_CHECK_CLIENT = "foresight-connect-check";

    private final Map<String, String> kafkaOverrides;
    private final Optional<EmbeddedKafka> embedded;
    private final String bootstrapServers;
    private final short replicationFactor;
    private final Optional<String> schemaRegistryUrl;
    private Admin admin;

    private Cluster(Map<String, String> kafkaOverrides, Optional<EmbeddedKafka> embedded, String bootstrapServers,
                    short replicationFactor, Optional<String> schemaRegistryUrl) {
        this.kafkaOverrides = kafkaOverrides;
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    /**
     * @throws UserError when a configured cluster does not answer within the options' connect timeout, or its
     *                   client settings are refused
     */
    static Cluster open(ClusterOptions options) throws IOException, InterruptedException {
        Map<String, String> overrides = options.kafkaOverrides(System.getenv());
        String configured = overrides.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (configured != null) {
            short rf = options.replicationFactor != null ? options.replicationFactor
                    : TopicAdmin.BROKER_DEFAULT_REPLICATION;
            Cluster cluster = new Cluster(overrides, Optional.empty(), configured, rf, options.schemaRegistryUrl());
            try {
                cluster.awaitAnswer(options.connectTimeout);
                return cluster;
            } catch (RuntimeException | InterruptedException e) {
                cluster.close();
                throw e;
            }
        }
        EmbeddedKafka broker = EmbeddedKafka.start(options.dataDir, options.brokerPort, 0);
        return new Cluster(overrides, Optional.of(broker), broker.bootstrapServers(), (short) 1,
                options.schemaRegistryUrl());
    }

    /**
     * Fails fast and in one line on a typo in the address, instead of every client retrying for a minute. The
     * probe has a client id of its own, so that its connection warnings are not logged: the line says it all.
     */
    private void awaitAnswer(Duration timeout) throws InterruptedException {
        String unreachable = "cannot reach the Kafka cluster at " + bootstrapServers;
        Map<String, Object> config = clientConfig();
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, CONNECT_CHECK_CLIENT);
        try (Admin probe = Admin.create(config)) {
            probe.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId().get();
        } catch (ExecutionException e) {
            throw new UserError(unreachable + " within " + timeout.toSeconds() + " s (" + e.getCause().getMessage()
                    + "); check --bootstrap-servers", e);
        } catch (KafkaException e) {
            throw new UserError(unreachable + ": " + (e.getCause() != null ? e.getCause() : e).getMessage(), e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    boolean isEmbedded() {
        return embedded.isPresent();
    }

    short replicationFactor() {
        return replicationFactor;
    }

    Optional<String> schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** Avro serdes of this cluster: its registry, or the bundled schemas. */
    AvroSerdes serdes() {
        return new AvroSerdes(schemaRegistryUrl);
    }

    /** Pass-through Kafka settings (file, environment, flags) without bootstrap.servers. */
    Map<String, String> kafkaOverrides() {
        return new LinkedHashMap<>(kafkaOverrides);
    }

    /** Configuration for a plain client (admin, producer) of this cluster. */
    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(kafkaOverrides);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** One admin client per command, closed with the cluster. */
    synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientConfig());
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
        embedded.ifPresent(EmbeddedKafka::close);
    }
}
