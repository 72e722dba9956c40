package dev.foresight.ingest;

import dev.foresight.deadletter.Checked;
import dev.foresight.deadletter.DeadLetters;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Turns raw input bytes into events, or into dead letters that say why not: framing and size, Avro, the
 * value's type against its topic, trailing bytes, field sizes, the family's rule, the event time against
 * the topic's retention and the wall clock, lateness, and duplicates by {@code eventId}. Valid events are
 * re-stamped with their own event time, so windows follow the event, not the producer's clock.
 *
 * <p>The newest event time is tracked per task in memory: after a restart lateness is judged afresh,
 * which can only let more events through, never lose one. No event is accepted further ahead of the wall
 * clock than the lateness allowed ({@link ValidatingSupplier}), so one future-stamped event cannot make
 * the correctly stamped ones after it late. Accepted event ids are remembered in a window store.
 */
final class ValidatingProcessor<V extends SpecificRecord> implements FixedKeyProcessor<String, byte[], Checked<V>> {

    private final EventFamily<V> family;
    private final Deserializer<V> deserializer;
    private final RecordBounds<V> bounds;
    private final String stage;
    private final String storeName;
    private long newestEventTime = Long.MIN_VALUE;
    private FixedKeyProcessorContext<String, Checked<V>> context;
    private WindowStore<String, Long> acceptedIds;

    ValidatingProcessor(EventFamily<V> family, Deserializer<V> deserializer, RecordBounds<V> bounds, String storeName) {
        this.family = family;
        this.deserializer = deserializer;
        this.bounds = bounds;
        this.storeName = storeName;
        this.stage = family.name() + "-validate";
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<V>> context) {
        this.context = context;
        this.acceptedIds = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Optional<String> framing = bounds.framing(record.key(), record.value());
        if (framing.isPresent()) {
            reject(record, framing.get(), null);
            return;
        }
        Object decoded;
        try {
            decoded = deserializer.deserialize(bounds.topic().name(), record.value());
        } catch (RuntimeException e) {
            reject(record, "undeserializable: " + DeadLetters.describe(e), e);
            return;
        }
        Optional<String> type = bounds.typeAndTrailing(decoded, record.value());
        if (type.isPresent()) {
            reject(record, type.get(), null);
            return;
        }
        accept(record, bounds.topic().valueType().cast(decoded));
    }

    private void accept(FixedKeyRecord<String, byte[]> record, V event) {
        long now = context.currentSystemTimeMs();
        Optional<String> violation = bounds.content(record.key(), event, now)
                .or(() -> late(family.eventTime().apply(event).toEpochMilli()))
                .or(() -> duplicate(family.eventIdOf().apply(event), family.eventTime().apply(event).toEpochMilli()));
        if (violation.isPresent()) {
            reject(record, violation.get(), null);
            return;
        }
        long eventTime = family.eventTime().apply(event).toEpochMilli();
        newestEventTime = Math.max(newestEventTime, eventTime);
        acceptedIds.put(family.eventIdOf().apply(event), eventTime, eventTime);
        context.forward(record.withValue(Checked.valid(event)).withTimestamp(eventTime));
    }

    private Optional<String> late(long eventTime) {
        long maxLatenessMs = bounds.maxLatenessMs();
        if (newestEventTime != Long.MIN_VALUE && eventTime < newestEventTime - maxLatenessMs) {
            return Optional.of("late by " + (newestEventTime - eventTime) + " ms, more than the allowed "
                    + maxLatenessMs + " ms");
        }
        return Optional.empty();
    }

    private Optional<String> duplicate(String eventId, long eventTime) {
        long window = bounds.duplicateWindowMs();
        try (WindowStoreIterator<Long> earlier = acceptedIds.fetch(eventId, eventTime - window, eventTime + window)) {
            return earlier.hasNext()
                    ? Optional.of("duplicate of event " + eventId + " accepted at event time " + earlier.next().value)
                    : Optional.empty();
        }
    }

    private void reject(FixedKeyRecord<String, byte[]> record, String reason, Throwable cause) {
        context.forward(record.withValue(Checked.rejected(
                DeadLetters.rejected(context, record, stage, reason, cause, record.value()))));
    }
}
