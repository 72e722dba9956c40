package dev.foresight.app;

import dev.foresight.config.KafkaProperties;
import dev.foresight.topology.TopologySettings;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Where the Kafka cluster is and how to talk to it; shared by every subcommand. */
final class ClusterOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka cluster to use. Without it (and without bootstrap.servers from --config or "
                    + "KAFKA_BOOTSTRAP_SERVERS) an embedded single-node broker is started.")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file; keys prefixed 'kafka.' are passed to Kafka (kafka.linger.ms=20), keys "
                    + "prefixed 'foresight.' set the topology (foresight.hostRisk.alertThreshold=0.9).")
    Path configFile;

    @Option(names = {"-p", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "Kafka client/Streams setting; wins over --config and KAFKA_* variables. Repeatable.")
    List<String> kafkaProperties = new ArrayList<>();

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Apicurio Registry for Avro schemas (Confluent wire format). Default: schemas bundled "
                    + "in the jar, no registry.")
    String schemaRegistryUrl;

    @Option(names = "--data-dir", defaultValue = "data/kafka", paramLabel = "DIR",
            description = "Log directory of the embedded broker, kept across runs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--broker-port", defaultValue = "9092", paramLabel = "PORT",
            description = "Loopback port of the embedded broker; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--connect-timeout", defaultValue = "15s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "How long a configured cluster may take to answer before the "
                    + "command gives up (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication factor of created topics (default: 1 embedded, the broker's "
                    + "default.replication.factor otherwise).")
    Short replicationFactor;

    /** The topology's settings: the defaults with the {@code foresight.*} keys of {@code --config} applied. */
    TopologySettings topologySettings(CommandLine commandLine) {
        try {
            return TopologySettingsReader.read(configFile);
        } catch (TypeConversionException e) {
            throw new ParameterException(commandLine, "--config " + configFile + ": " + e.getMessage());
        } catch (IOException e) {
            throw unreadable(configFile, e);
        }
    }

    Optional<String> schemaRegistryUrl() {
        return Optional.ofNullable(schemaRegistryUrl);
    }

    /**
     * Kafka settings from file, then environment, then flags; later sources win.
     *
     * @throws UserError for a config file that cannot be read or a {@code -p} that is not KEY=VALUE
     */
    Map<String, String> kafkaOverrides(Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(fromFile(configFile));
        }
        merged.putAll(KafkaProperties.fromEnvironment(environment));
        try {
            merged.putAll(KafkaProperties.fromAssignments(kafkaProperties));
        } catch (IllegalArgumentException e) {
            throw new UserError("--kafka-property: " + e.getMessage(), e);
        }
        if (bootstrapServers != null) {
            merged.put("bootstrap.servers", bootstrapServers);
        }
        return merged;
    }

    private static Map<String, String> fromFile(Path file) {
        try {
            return KafkaProperties.fromFile(file);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(file, e);
        }
    }

    private static UserError unreadable(Path file, Exception e) {
        if (e instanceof NoSuchFileException) {
            return new UserError("--config " + file + ": no such file", e);
        }
        return new UserError("--config " + file + ": cannot be read as a properties file (" + e.getMessage() + ")", e);
    }
}
