package dev.foresight.producers.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One JSON object per line, blank lines skipped. Fields are looked up by several names, as the logs
 * of different agents spell them differently, and also inside a nested object given by a dotted path.
 */
final class JsonlLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One parsed line and where it came from, for error messages. */
    record Line(Path file, int number, JsonNode json) {

        Optional<JsonNode> field(String... paths) {
            for (String path : paths) {
                JsonNode node = json;
                for (String part : path.split("\\.")) {
                    node = node == null ? null : node.get(part);
                }
                if (node != null && !node.isNull()) {
                    return Optional.of(node);
                }
            }
            return Optional.empty();
        }

        long timeMs(String... paths) {
            JsonNode node = field(paths).orElseThrow(() -> error("has no " + paths[0]));
            if (node.isNumber()) {
                // epoch seconds (possibly fractional) below 1e11, epoch milliseconds above
                double value = node.asDouble();
                return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
            }
            try {
                return Timestamps.parseMillis(node.asText());
            } catch (RuntimeException e) {
                throw error("has an unreadable " + paths[0] + " '" + node.asText() + "'");
            }
        }

        boolean flag(boolean missing, String... paths) {
            return field(paths).map(node -> node.isBoolean() ? node.asBoolean() : isTrue(node.asText())).orElse(missing);
        }

        double number(double missing, String... paths) {
            Optional<JsonNode> node = field(paths);
            if (node.isPresent() && !node.get().isNumber()) {
                throw error("has a non-numeric " + paths[0] + " '" + node.get().asText() + "'");
            }
            return node.map(JsonNode::asDouble).orElse(missing);
        }

        String text(String missing, String... paths) {
            return field(paths).map(JsonNode::asText).filter(t -> !t.isBlank()).orElse(missing);
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(file.getFileName() + " line " + number + " " + what);
        }

        private static boolean isTrue(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "ok", "up", "yes", "1", "healthy", "success" -> true;
                default -> false;
            };
        }
    }

    private JsonlLines() {
    }

    static List<Line> read(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank()) {
                    lines.add(new Line(file, number, parse(file, number, text)));
                }
            }
        }
        return lines;
    }

    private static JsonNode parse(Path file, int number, String text) {
        try {
            JsonNode json = MAPPER.readTree(text);
            if (!json.isObject()) {
                throw new IllegalArgumentException(file.getFileName() + " line " + number + " is not a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file.getFileName() + " line " + number + " is not JSON: "
                    + e.getOriginalMessage());
        }
    }
}
