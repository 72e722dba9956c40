package dev.foresight.ingest;

import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * One input family: the id its records are keyed by, where its event time is, and its rule.
 *
 * @param name short name used in processor names, e.g. {@code telemetry}
 */
public record EventFamily<V extends SpecificRecord>(
        String name, Function<V, String> keyOf, Function<V, Instant> eventTime, EventRule<V> rule) {
}
