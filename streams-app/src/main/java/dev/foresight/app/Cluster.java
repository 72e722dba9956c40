package dev.foresight.app;

import dev.foresight.serde.AvroSerdes;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka cluster a command works with: the configured one, or else an embedded broker that lives
 * exactly as long as this object.
 */
final class Cluster implements AutoCloseable {

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

    static Cluster open(ClusterOptions options) throws IOException {
        Map<String, String> overrides = options.kafkaOverrides(System.getenv());
        String configured = overrides.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (configured != null) {
            short rf = options.replicationFactor != null ? options.replicationFactor
                    : TopicAdmin.BROKER_DEFAULT_REPLICATION;
            return new Cluster(overrides, Optional.empty(), configured, rf, options.schemaRegistryUrl());
        }
        EmbeddedKafka broker = EmbeddedKafka.start(options.dataDir, options.brokerPort, 0);
        return new Cluster(overrides, Optional.of(broker), broker.bootstrapServers(), (short) 1,
                options.schemaRegistryUrl());
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
