package dev.foresight.app;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.foresight.topology.TopologySettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.TypeConversionException;

/**
 * The topology's settings from the {@code --config} file: keys {@code foresight.<feature>.<field>} (nested
 * records by further dots, as the records name their components) override {@link TopologySettings#defaults()},
 * e.g. {@code foresight.hostRisk.alertThreshold=0.9} or {@code foresight.aggregation.hostWindow=5m}.
 * An unknown key, a value of the wrong type or a combination a settings record refuses is an error that
 * names the key, never a silent default.
 */
final class TopologySettingsReader {

    static final String PREFIX = "foresight.";

    private static final ObjectMapper JSON = mapper();

    private TopologySettingsReader() {
    }

    /** The defaults with the file's {@code foresight.*} keys applied; the defaults alone without a file. */
    static TopologySettings read(Path configFile) throws IOException {
        if (configFile == null) {
            return TopologySettings.defaults();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile)) {
            properties.load(reader);
        }
        Map<String, String> keys = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                keys.put(name.substring(PREFIX.length()), properties.getProperty(name).trim());
            }
        }
        return apply(TopologySettings.defaults(), keys);
    }

    /** @param overrides paths below {@code foresight.}, e.g. {@code hostRisk.alertThreshold}, to values */
    static TopologySettings apply(TopologySettings base, Map<String, String> overrides) {
        ObjectNode tree = JSON.valueToTree(base);
        overrides.forEach((path, value) -> set(tree, path, value));
        try {
            return JSON.treeToValue(tree, TopologySettings.class);
        } catch (JsonMappingException e) {
            throw new TypeConversionException("invalid setting " + PREFIX + pathOf(e) + ": " + reason(e));
        } catch (JsonProcessingException e) {
            throw new TypeConversionException("invalid settings: " + e.getOriginalMessage());
        }
    }

    private static void set(ObjectNode tree, String path, String value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length; i++) {
            JsonNode child = node.get(parts[i]);
            boolean leaf = i == parts.length - 1;
            if (child == null || leaf == child.isObject()) {
                throw new TypeConversionException("unknown setting " + PREFIX + path + " (known under "
                        + PREFIX + String.join(".", List.of(parts).subList(0, i)) + ": " + fieldNames(node) + ")");
            }
            if (leaf) {
                node.set(parts[i], new TextNode(value));
            } else {
                node = (ObjectNode) child;
            }
        }
    }

    private static String fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String pathOf(JsonMappingException e) {
        List<String> names = new ArrayList<>();
        e.getPath().forEach(reference -> names.add(reference.getFieldName() != null ? reference.getFieldName()
                : String.valueOf(reference.getIndex())));
        return String.join(".", names);
    }

    /** A record's own check (IllegalArgumentException) says best what is wrong with the combination. */
    private static String reason(JsonMappingException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof IllegalArgumentException || cause instanceof TypeConversionException
                ? cause.getMessage() : e.getOriginalMessage();
    }

    /** Records by their components only (not derived accessors such as {@code FleetSettings.retention()}). */
    private static ObjectMapper mapper() {
        SimpleModule durations = new SimpleModule("durations")
                .addSerializer(Duration.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Duration value, JsonGenerator out, SerializerProvider provider)
                            throws IOException {
                        out.writeString(value.toString());
                    }
                })
                .addDeserializer(Duration.class, new JsonDeserializer<>() {
                    @Override
                    public Duration deserialize(JsonParser in, DeserializationContext context) throws IOException {
                        return new DurationConverter().convert(in.getValueAsString());
                    }
                });
        return new ObjectMapper().registerModule(durations)
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
