package dev.foresight.ingest;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/** Small reusable checks; each returns the reason a value is wrong, or empty. */
final class Checks {

    /** The shape {@code SemanticVersion} parses: {@code [v]major[.minor[.patch]][-prerelease]}. */
    private static final Pattern SEMANTIC_VERSION =
            Pattern.compile("v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-[0-9A-Za-z.-]+)?");
    private static final BigInteger MAX_VERSION_PART = BigInteger.valueOf(Integer.MAX_VALUE);

    private Checks() {
    }

    @SafeVarargs
    static Optional<String> first(Optional<String>... checks) {
        // a loop, not Stream.of(checks): handing the generic varargs array on would be heap pollution
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

    /**
     * A semantic version's parts are compared as numbers downstream; one beyond {@code int} is a typo or an
     * attack, not a release. Text that is no semantic version at all is left to the features to judge.
     */
    static Optional<String> versionPartsFit(String field, String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher parts = SEMANTIC_VERSION.matcher(version.trim());
        if (!parts.matches()) {
            return Optional.empty();
        }
        for (int i = 1; i <= parts.groupCount(); i++) {
            if (parts.group(i) != null && new BigInteger(parts.group(i)).compareTo(MAX_VERSION_PART) > 0) {
                return Optional.of(field + " '" + version + "' has a part beyond " + MAX_VERSION_PART);
            }
        }
        return Optional.empty();
    }

    /** A schema that Avro cannot parse (bad JSON, or a default that does not match its field's type). */
    static Optional<String> avroSchema(String field, String schema) {
        if (schema == null) {
            return Optional.empty();
        }
        try {
            new Schema.Parser().parse(schema);
            return Optional.empty();
        } catch (AvroRuntimeException e) {
            return Optional.of(field + " is not a valid Avro schema: " + e.getMessage());
        }
    }
}
