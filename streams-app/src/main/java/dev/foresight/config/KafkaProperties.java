package dev.foresight.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka settings passed through from outside, in rising precedence: {@code kafka.}-prefixed keys of a
 * properties file, {@code KAFKA_*} environment variables, {@code --kafka-property key=value} flags.
 */
public final class KafkaProperties {

    public static final String FILE_PREFIX = "kafka.";
    public static final String ENV_PREFIX = "KAFKA_";

    /** Prefixes Streams uses to address one of its clients; a key after one of them is still known. */
    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX,
            StreamsConfig.CONSUMER_PREFIX, StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);
    private static final Set<String> KNOWN_KEYS = knownKeys();

    private KafkaProperties() {
    }

    public static Map<String, String> fromFile(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> kafka = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(FILE_PREFIX)) {
                kafka.put(name.substring(FILE_PREFIX.length()), properties.getProperty(name).trim());
            }
        }
        return kafka;
    }

    /**
     * {@code KAFKA_BOOTSTRAP_SERVERS} becomes {@code bootstrap.servers}. Only names that turn into a known
     * client or Streams setting pass, so the Kafka scripts' own variables ({@code KAFKA_HEAP_OPTS},
     * {@code KAFKA_HOME}, ...) do not leak into the client configuration.
     */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> kafka = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                if (isKnown(key)) {
                    kafka.put(key, value);
                }
            }
        });
        return kafka;
    }

    /** Parses {@code key=value} assignments; the value may itself contain '='. */
    public static Map<String, String> fromAssignments(List<String> assignments) {
        Map<String, String> kafka = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected key=value, got '" + assignment + "'");
            }
            kafka.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
        }
        return kafka;
    }

    static boolean isKnown(String key) {
        if (KNOWN_KEYS.contains(key) || key.startsWith(StreamsConfig.TOPIC_PREFIX)) {
            return true;
        }
        return CLIENT_PREFIXES.stream().anyMatch(p -> key.startsWith(p) && KNOWN_KEYS.contains(key.substring(p.length())));
    }

    private static Set<String> knownKeys() {
        Set<String> keys = new HashSet<>(StreamsConfig.configDef().names());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return keys;
    }
}
