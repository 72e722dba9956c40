package dev.foresight.query.explain;

import dev.foresight.schema.common.Decision;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A command found on a command topic, with where it was.
 *
 * @param record an AllocationCommand, RollbackCommand, Alert, ... (any record with a {@code decision})
 */
public record FoundCommand(String topic, int partition, long offset, String key, SpecificRecord record) {

    /** The fields that identify a command, by record type: commands, alerts, plans, incidents, intervention requests. */
    static final List<String> ID_FIELDS = List.of("commandId", "alertId", "planId", "incidentId", "requestId");
    private static final List<String> TYPE_FIELDS = List.of("action", "operation", "kind");

    /** The record's id if it has one of {@link #ID_FIELDS}. */
    public static Optional<String> idOf(SpecificRecord record) {
        return field(record, ID_FIELDS).map(Object::toString);
    }

    /** Which of {@link #ID_FIELDS} holds the record's id, if one does. */
    public static Optional<String> idFieldOf(SpecificRecord record) {
        return ID_FIELDS.stream().filter(name -> record.getSchema().getField(name) != null
                && record.get(record.getSchema().getField(name).pos()) != null).findFirst();
    }

    public String id() {
        return idOf(record).orElse("");
    }

    /** Its action, operation or kind; else its record name (RollbackCommand, StartupPlan). */
    public String type() {
        return field(record, TYPE_FIELDS).map(Object::toString).orElse(record.getSchema().getName());
    }

    public Optional<Decision> decision() {
        return field(record, List.of("decision")).filter(Decision.class::isInstance).map(Decision.class::cast);
    }

    private static Optional<Object> field(SpecificRecord record, List<String> names) {
        for (String name : names) {
            Schema.Field field = record.getSchema().getField(name);
            if (field != null && record.get(field.pos()) != null) {
                return Optional.of(record.get(field.pos()));
            }
        }
        return Optional.empty();
    }
}
