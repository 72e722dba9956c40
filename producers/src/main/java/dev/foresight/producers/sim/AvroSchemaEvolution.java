package dev.foresight.producers.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * The event schema a service writes, and how a release changes it. Compatible here means what a
 * rollback needs: the previous version can still read what the new version wrote.
 */
final class AvroSchemaEvolution {

    private AvroSchemaEvolution() {
    }

    static Schema initial(String serviceId) {
        return record(serviceId, List.of(
                new Schema.Field("id", Schema.create(Schema.Type.STRING)),
                new Schema.Field("createdAt", Schema.create(Schema.Type.LONG)),
                new Schema.Field("amount", Schema.create(Schema.Type.DOUBLE)),
                new Schema.Field("status", Schema.create(Schema.Type.STRING))));
    }

    /** Adds an optional field: old readers skip it. */
    static Schema addOptionalField(Schema schema, int revision) {
        List<Schema.Field> fields = copyFields(schema);
        Schema optionalString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        fields.add(new Schema.Field("attribute" + revision, optionalString, null, JsonProperties.NULL_VALUE));
        return record(schema, fields);
    }

    /**
     * Removes the last required field, or retypes the first one when few are left: either way the
     * previous version can no longer read the new data.
     */
    static Schema breakReaders(Schema schema, int revision) {
        List<Schema.Field> fields = copyFields(schema);
        int required = (int) fields.stream().filter(field -> !field.hasDefaultValue()).count();
        if (required > 2) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (!fields.get(i).hasDefaultValue()) {
                    fields.remove(i);
                    break;
                }
            }
        } else {
            Schema.Field first = fields.get(0);
            Schema.Type retyped = first.schema().getType() == Schema.Type.STRING ? Schema.Type.INT : Schema.Type.STRING;
            fields.set(0, new Schema.Field(first.name(), Schema.create(retyped)));
            fields.add(new Schema.Field("required" + revision, Schema.create(Schema.Type.STRING)));
        }
        return record(schema, fields);
    }

    private static List<Schema.Field> copyFields(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        return fields;
    }

    private static Schema record(Schema like, List<Schema.Field> fields) {
        return Schema.createRecord(like.getName(), null, like.getNamespace(), false, fields);
    }

    private static Schema record(String serviceId, List<Schema.Field> fields) {
        String name = Character.toUpperCase(serviceId.charAt(0)) + serviceId.substring(1).replace("-", "") + "Event";
        return Schema.createRecord(name, null, "com.example." + serviceId.replace("-", "").toLowerCase(Locale.ROOT),
                false, fields);
    }
}
