package dev.foresight.ingest;

import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * One input family: the id its records are keyed by, its event id, where its event time is, and its rule.
 * Its topic is wired in by the topology ({@link IngestTopics}).
 *
 * @param name short name used in processor names, e.g. {@code telemetry}
 */
public record EventFamily<V extends SpecificRecord>(
        String name, Function<V, String> keyOf, Function<V, String> eventIdOf,
        Function<V, Instant> eventTime, EventRule<V> rule) {
}
