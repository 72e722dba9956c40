package dev.foresight.ingest;

import dev.foresight.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns raw input bytes into events, or into dead letters that say why not. Valid events are
 * re-stamped with their own event time, so windows follow the event, not the producer's clock.
 * The newest event time is tracked per task in memory: after a restart lateness is judged afresh,
 * which can only let more events through, never lose one.
 */
final class ValidatingProcessor<V extends SpecificRecord> implements FixedKeyProcessor<String, byte[], Checked<V>> {

    private final EventFamily<V> family;
    private final String topic;
    private final Deserializer<V> deserializer;
    private final IngestSettings settings;
    private final String stage;
    private final long maxLatenessMs;
    private long newestEventTime = Long.MIN_VALUE;
    private FixedKeyProcessorContext<String, Checked<V>> context;

    ValidatingProcessor(EventFamily<V> family, String topic, Deserializer<V> deserializer, IngestSettings settings,
                        Duration maxLateness) {
        this.family = family;
        this.topic = topic;
        this.maxLatenessMs = maxLateness.toMillis();
        this.deserializer = deserializer;
        this.settings = settings;
        this.stage = family.name() + "-validate";
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        long now = context.currentSystemTimeMs();
        Optional<String> framing = framingViolation(record);
        if (framing.isPresent()) {
            reject(record, framing.get(), null, now);
            return;
        }
        V event;
        try {
            event = deserializer.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            reject(record, "undeserializable: " + e.getMessage(), e, now);
            return;
        }
        Optional<String> violation = Checks.first(
                Checks.keyMatches(record.key(), family.name() + " id", family.keyOf().apply(event)),
                family.rule().violation(record.key(), event, now),
                Checks.notInFuture(family.eventTime().apply(event), now, settings.maxFutureSkew().toMillis()));
        if (violation.isPresent()) {
            reject(record, violation.get(), null, now);
            return;
        }
        long eventTime = family.eventTime().apply(event).toEpochMilli();
        if (newestEventTime != Long.MIN_VALUE && eventTime < newestEventTime - maxLatenessMs) {
            reject(record, "late by " + (newestEventTime - eventTime) + " ms, more than the allowed "
                    + maxLatenessMs + " ms", null, now);
            return;
        }
        newestEventTime = Math.max(newestEventTime, eventTime);
        context.forward(record.withValue(Checked.valid(event)).withTimestamp(eventTime));
    }

    private Optional<String> framingViolation(FixedKeyRecord<String, byte[]> record) {
        if (record.key() == null) {
            return Optional.of("key is missing");
        }
        if (record.value() == null) {
            return Optional.of("value is missing");
        }
        if (record.value().length > settings.maxPayloadBytes()) {
            return Optional.of("payload of " + record.value().length + " bytes exceeds the limit of "
                    + settings.maxPayloadBytes());
        }
        return Optional.empty();
    }

    private void reject(FixedKeyRecord<String, byte[]> record, String reason, Throwable cause, long now) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        context.forward(record.withValue(Checked.rejected(
                DeadLetters.of(source, record.timestamp(), now, stage, reason, cause, key, record.value()))));
    }
}
