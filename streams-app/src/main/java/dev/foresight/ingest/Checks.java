package dev.foresight.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Small reusable checks; each returns the reason a value is wrong, or empty. */
final class Checks {

    private Checks() {
    }

    @SafeVarargs
    static Optional<String> first(Optional<String>... checks) {
        return Stream.of(checks).flatMap(Optional::stream).findFirst();
    }

    static Optional<String> present(String field, String value) {
        return value == null || value.isBlank() ? Optional.of(field + " is missing") : Optional.empty();
    }

    static Optional<String> keyMatches(String key, String field, String id) {
        return key != null && !key.equals(id)
                ? Optional.of("key '" + key + "' does not match " + field + " '" + id + "'")
                : Optional.empty();
    }

    static Optional<String> inRange(String field, double value, double min, double max) {
        if (!Double.isFinite(value)) {
            return Optional.of(field + " is not a finite number: " + value);
        }
        if (value < min || value > max) {
            return Optional.of(field + " " + value + " is outside [" + min + ", " + max + "]");
        }
        return Optional.empty();
    }

    static Optional<String> allInRange(String field, Map<String, Double> values, double min, double max) {
        return values.entrySet().stream()
                .map(e -> inRange(field + "." + e.getKey(), e.getValue(), min, max))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** Within {@code [now - maxAge, now + maxSkew]}: older events would already be deleted by the topic's retention. */
    static Optional<String> inTimeRange(Instant timestamp, long nowMs, long maxAgeMs, long maxSkewMs) {
        if (timestamp == null) {
            return Optional.of("timestamp is missing");
        }
        long time = timestamp.toEpochMilli();
        if (time > nowMs + maxSkewMs) {
            return Optional.of("timestamp " + timestamp + " is more than " + maxSkewMs + " ms in the future");
        }
        if (time < nowMs - maxAgeMs) {
            return Optional.of("timestamp " + timestamp + " is older than the topic's retention of " + maxAgeMs + " ms");
        }
        return Optional.empty();
    }
}
