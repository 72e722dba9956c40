package dev.foresight.domain.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Keys of the run repository, laid out so that a key-ordered store answers the queries with range scans.
 * Every part is separated by U+001F, which no id contains and which sorts below every character an id
 * may have, so a prefix never runs into a longer id's keys. Times are zero-padded epoch milliseconds, so
 * string order is time order.
 *
 * <ul>
 *   <li>a run: {@code workflowType ␟ completedAt ␟ workflowId} (by type, then time);</li>
 *   <li>its id: {@code i ␟ workflowType ␟ workflowId} → the run's key;</li>
 *   <li>its expiry: {@code e ␟ completedAt ␟ workflowType ␟ workflowId} → the run's key (oldest first, whatever the type).</li>
 * </ul>
 */
public final class RunKeys {

    public static final char SEPARATOR = '\u001f';
    /** Sorts right after the separator: the end of a prefix's range. */
    private static final char AFTER = '\u0020';
    private static final String ID = "i" + SEPARATOR;
    private static final String EXPIRY = "e" + SEPARATOR;
    private static final int TIME_DIGITS = 15;

    private RunKeys() {
    }

    public static String run(String workflowType, Instant completedAt, String workflowId) {
        return workflowType + SEPARATOR + time(completedAt) + SEPARATOR + workflowId;
    }

    /** The first key of runs of {@code workflowType} completed at or after {@code at}. */
    public static String runsFrom(String workflowType, Instant at) {
        return workflowType + SEPARATOR + time(at);
    }

    public static String byId(String workflowType, String workflowId) {
        return ID + workflowType + SEPARATOR + workflowId;
    }

    public static String expiry(String workflowType, Instant completedAt, String workflowId) {
        return EXPIRY + time(completedAt) + SEPARATOR + workflowType + SEPARATOR + workflowId;
    }

    /** The first expiry key of a run completed at or after {@code at}: every earlier one sorts below it. */
    public static String expiryFrom(Instant at) {
        return EXPIRY + time(at);
    }

    public static String firstExpiry() {
        return EXPIRY;
    }

    /** Sorts after every expiry key. */
    public static String expiryEnd() {
        return "e" + AFTER;
    }

    /** The run key an expiry or id entry points at is its value; this is the run key of a cursor. */
    public static String cursorKey(String workflowType, Cursor cursor) {
        return run(workflowType, Instant.ofEpochMilli(cursor.completedAtMs()), cursor.workflowId());
    }

    private static String time(Instant at) {
        return String.format(Locale.ROOT, "%0" + TIME_DIGITS + "d", Math.max(0, at.toEpochMilli()));
    }

    /**
     * Where a page starts: the run (by completion time and id) and how many of its items earlier pages
     * returned. Opaque to clients: base64url of {@code completedAtMs/skip/workflowId}.
     */
    public record Cursor(long completedAtMs, String workflowId, int skip) {

        public String encode() {
            String plain = completedAtMs + "/" + skip + "/" + workflowId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        /** Empty if {@code token} is not a cursor this class wrote. */
        public static Optional<Cursor> decode(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                        .split("/", 3);
                if (parts.length != 3 || parts[2].isEmpty() || parts[2].indexOf(SEPARATOR) >= 0) {
                    return Optional.empty();
                }
                long completedAt = Long.parseLong(parts[0]);
                int skip = Integer.parseInt(parts[1]);
                return completedAt < 0 || skip < 0 ? Optional.empty()
                        : Optional.of(new Cursor(completedAt, parts[2], skip));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
