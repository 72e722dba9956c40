package dev.foresight.ingest;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Caps on the size of every string, byte and collection field of an event, walked through its schema, so
 * no feature ever handles (re-keys, stores, copies into a command) a field too large to write back.
 */
final class FieldCaps {

    /** Fields whose content is a whole Avro schema, allowed to be longer than ids and text. */
    private static final Set<String> SCHEMA_FIELDS = Set.of("avroSchema", "previousAvroSchema");

    private final int maxChars;
    private final int maxSchemaChars;
    private final int maxItems;

    FieldCaps(IngestSettings settings) {
        this.maxChars = settings.maxStringChars();
        this.maxSchemaChars = settings.maxSchemaChars();
        this.maxItems = settings.maxCollectionItems();
    }

    Optional<String> violation(SpecificRecord event) {
        return record("", event);
    }

    private Optional<String> record(String prefix, SpecificRecord record) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Optional<String> violation = value(prefix + field.name(), field.name(), record.get(field.pos()));
            if (violation.isPresent()) {
                return violation;
            }
        }
        return Optional.empty();
    }

    private Optional<String> value(String path, String name, Object value) {
        if (value instanceof CharSequence text) {
            int cap = SCHEMA_FIELDS.contains(name) ? maxSchemaChars : maxChars;
            return exceeds(path, text.length(), cap, "characters");
        }
        if (value instanceof ByteBuffer bytes) {
            return exceeds(path, bytes.remaining(), maxChars, "bytes");
        }
        if (value instanceof SpecificRecord nested) {
            return record(path + ".", nested);
        }
        if (value instanceof List<?> items) {
            return items(path, items);
        }
        if (value instanceof Map<?, ?> entries) {
            return entries(path, entries);
        }
        return Optional.empty();
    }

    private Optional<String> items(String path, List<?> items) {
        Optional<String> size = exceeds(path, items.size(), maxItems, "items");
        for (int i = 0; size.isEmpty() && i < items.size(); i++) {
            size = value(path + "[" + i + "]", "", items.get(i));
        }
        return size;
    }

    private Optional<String> entries(String path, Map<?, ?> entries) {
        Optional<String> size = exceeds(path, entries.size(), maxItems, "entries");
        for (var entry : entries.entrySet()) {
            if (size.isPresent()) {
                break;
            }
            String key = String.valueOf(entry.getKey());
            size = exceeds(path + " key", key.length(), maxChars, "characters")
                    .or(() -> value(path + "." + truncatedKey(key), "", entry.getValue()));
        }
        return size;
    }

    private static String truncatedKey(String key) {
        return key.length() <= 64 ? key : key.substring(0, 64) + "…";
    }

    private static Optional<String> exceeds(String path, int size, int cap, String unit) {
        return size > cap
                ? Optional.of(path + " has " + size + " " + unit + ", more than the limit of " + cap)
                : Optional.empty();
    }
}
