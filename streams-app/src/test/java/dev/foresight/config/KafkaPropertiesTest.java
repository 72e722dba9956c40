package dev.foresight.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaPropertiesTest {

    @Test
    void shouldTranslateKafkaEnvironmentVariablesToConfigKeys() {
        Map<String, String> kafka = KafkaProperties.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "KAFKA_NUM_STREAM_THREADS", "2",
                "KAFKA_PRODUCER_LINGER_MS", "20",
                "PATH", "/usr/bin"));

        assertEquals(Map.of("bootstrap.servers", "broker:9092", "num.stream.threads", "2",
                "producer.linger.ms", "20"), kafka);
    }

    @Test
    void shouldIgnoreVariablesOfKafkaScriptsThatAreNotClientSettings() {
        assertEquals(Map.of(), KafkaProperties.fromEnvironment(Map.of(
                "KAFKA_HEAP_OPTS", "-Xmx1g", "KAFKA_HOME", "/opt/kafka", "KAFKA_OPTS", "-Dx")));
    }

    @Test
    void shouldReadOnlyKafkaPrefixedKeysFromFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app.properties"),
                "kafka.linger.ms = 20\nkafka.security.protocol=SSL\nother=1\n");

        assertEquals(Map.of("linger.ms", "20", "security.protocol", "SSL"), KafkaProperties.fromFile(file));
    }

    @Test
    void shouldKeepEqualsSignsInAssignedValues() {
        assertEquals(Map.of("sasl.jaas.config", "a=b c=d"),
                KafkaProperties.fromAssignments(List.of("sasl.jaas.config=a=b c=d")));
    }

    @Test
    void shouldRejectAssignmentWithoutKey() {
        assertThrows(IllegalArgumentException.class, () -> KafkaProperties.fromAssignments(List.of("=1")));
    }
}
