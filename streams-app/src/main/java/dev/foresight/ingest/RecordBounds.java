package dev.foresight.ingest;

import dev.foresight.topics.TopicSpec;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;

/** What a record of one family must satisfy to be an event, each check returning the reason it is not. */
final class RecordBounds<V extends SpecificRecord> {

    private final EventFamily<V> family;
    private final TopicSpec<V> topic;
    private final IngestSettings settings;
    private final TrailingBytes trailing;
    private final FieldCaps caps;
    private final long maxLatenessMs;
    private final long maxFutureSkewMs;

    /**
     * @param maxLateness how far behind the newest event of its task an event may be; it also bounds how far
     *                    ahead of the wall clock one may be, else one early event would make the next ones late
     */
    RecordBounds(EventFamily<V> family, TopicSpec<V> topic, IngestSettings settings, TrailingBytes trailing,
                 Duration maxLateness) {
        this.family = family;
        this.topic = topic;
        this.settings = settings;
        this.trailing = trailing;
        this.caps = new FieldCaps(settings);
        this.maxLatenessMs = maxLateness.toMillis();
        this.maxFutureSkewMs = Math.min(settings.maxFutureSkew().toMillis(), maxLatenessMs);
    }

    TopicSpec<V> topic() {
        return topic;
    }

    long maxLatenessMs() {
        return maxLatenessMs;
    }

    long duplicateWindowMs() {
        return settings.duplicateWindow().toMillis();
    }

    Optional<String> framing(String key, byte[] value) {
        if (key == null) {
            return Optional.of("key is missing");
        }
        if (value == null) {
            return Optional.of("value is missing");
        }
        if (value.length > settings.maxPayloadBytes()) {
            return Optional.of("payload of " + value.length + " bytes exceeds the limit of "
                    + settings.maxPayloadBytes());
        }
        if (key.length() > settings.maxStringChars()) {
            return Optional.of("key has " + key.length() + " characters, more than the limit of "
                    + settings.maxStringChars());
        }
        return Optional.empty();
    }

    /** A valid record of another bundled type (a TelemetryEvent on the workflow topic) is still the wrong record. */
    Optional<String> typeAndTrailing(Object decoded, byte[] raw) {
        Class<V> expected = topic.valueType();
        if (!expected.isInstance(decoded)) {
            return Optional.of("value is a " + (decoded == null ? "null" : decoded.getClass().getSimpleName())
                    + ", but " + topic.name() + " carries " + expected.getSimpleName());
        }
        return trailing.violation(raw);
    }

    Optional<String> content(String key, V event, long now) {
        return Checks.first(
                caps.violation(event),
                Checks.keyMatches(key, family.name() + " id", family.keyOf().apply(event)),
                family.rule().violation(key, event, now),
                Checks.inTimeRange(family.eventTime().apply(event), now, maxAgeMs(), maxFutureSkewMs));
    }

    /** A compacted topic keeps each key's latest record however old it is, so only a deleting topic bounds the age. */
    private long maxAgeMs() {
        return TopicConfig.CLEANUP_POLICY_COMPACT.equals(topic.cleanupPolicy())
                ? Long.MAX_VALUE : topic.retention().toMillis();
    }
}
