package dev.foresight.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * topology/ holds the Kafka Streams side only: every class there uses Kafka, or is one of the records a
 * builder is wired with ({@code *Topics}, {@code *Settings}) or a processor's routing type ({@code *Output}).
 * Logic without Kafka belongs in {@code domain}, where import control keeps Kafka out.
 */
class TopologyLayerTest {

    private static final Path TOPOLOGY = Path.of("src/main/java/dev/foresight/topology");
    private static final Pattern WIRING = Pattern.compile("(Topics|Settings|Output)\\.java$");

    @Test
    void shouldKeepKafkaFreeLogicOutOfTopology() throws IOException {
        try (Stream<Path> files = Files.walk(TOPOLOGY)) {
            List<String> kafkaFree = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !WIRING.matcher(file.getFileName().toString()).find())
                    .filter(file -> !usesKafka(file))
                    .map(file -> TOPOLOGY.relativize(file).toString()).sorted().toList();
            assertEquals(List.of(), kafkaFree, "Kafka-free classes in topology/: move them to domain/");
        }
    }

    private static boolean usesKafka(Path file) {
        try {
            return Files.readString(file).contains("import org.apache.kafka.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
