package dev.foresight.query.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A found command as JSON: {@code {"id", "type", "topic", "partition", "offset", "key", "command": {...}}} where
 * {@code command} is the whole record, its {@code decision} (made by, version, inputs, thresholds, confidence,
 * explanation, evidence) included; times are ISO-8601 text.
 */
public final class ExplanationJson {

    private final ObjectMapper mapper;

    public ExplanationJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode of(FoundCommand found) {
        ObjectNode node = mapper.createObjectNode().put("id", found.id()).put("type", found.type())
                .put("topic", found.topic()).put("partition", found.partition()).put("offset", found.offset())
                .put("key", found.key());
        node.set("command", value(found.record()));
        return node;
    }

    /** Any Avro value of a generated class as JSON. */
    JsonNode value(Object value) {
        if (value == null) {
            return mapper.nullNode();
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode node = mapper.createObjectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), value(record.get(field.pos())));
            }
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = mapper.createObjectNode();
            map.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                    .forEach(e -> node.set(e.getKey().toString(), value(e.getValue())));
            return node;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = mapper.createArrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return mapper.valueToTree(value);
        }
        if (value instanceof ByteBuffer bytes) {
            return mapper.getNodeFactory().textNode(Base64.getEncoder().encodeToString(bytes.duplicate().array()));
        }
        return mapper.getNodeFactory().textNode(value.toString());
    }
}
