package dev.foresight.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Small reusable checks; each returns the reason a value is wrong, or empty. */
final class Checks {

    private Checks() {
    }

    @SafeVarargs
    static Optional<String> first(Optional<String>... checks) {
        for (Optional<String> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
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

    static Optional<String> notInFuture(Instant timestamp, long nowMs, long maxSkewMs) {
        if (timestamp == null) {
            return Optional.of("timestamp is missing");
        }
        return timestamp.toEpochMilli() > nowMs + maxSkewMs
                ? Optional.of("timestamp " + timestamp + " is more than " + maxSkewMs + " ms in the future")
                : Optional.empty();
    }
}
