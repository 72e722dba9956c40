package dev.foresight.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Any Avro record as JSON for the page: instants as ISO-8601 strings, enums and strings as text, bytes as
 * their length (keys of dead letters are opaque), absent optional values left out.
 */
final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    static ObjectNode record(GenericRecord record) {
        ObjectNode json = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value != null) {
                json.set(field.name(), value(value));
            }
        }
        return json;
    }

    private static JsonNode value(Object value) {
        if (value instanceof GenericRecord record) {
            return record(record);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode json = NODES.objectNode();
            map.forEach((key, entry) -> json.set(key.toString(), entry == null ? NODES.nullNode() : value(entry)));
            return json;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode json = NODES.arrayNode();
            items.forEach(item -> json.add(item == null ? NODES.nullNode() : value(item)));
            return json;
        }
        return scalar(value);
    }

    private static JsonNode scalar(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(d.toString());
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f.doubleValue());
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof ByteBuffer bytes) {
            return NODES.textNode(bytes.remaining() + " bytes");
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        return NODES.textNode(value.toString());
    }
}
