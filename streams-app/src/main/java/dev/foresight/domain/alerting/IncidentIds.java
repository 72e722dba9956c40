package dev.foresight.domain.alerting;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An incident's id, {@code <kind>/<opened at, epoch ms>/<subject>}: unique per opening, and it carries the subject,
 * which is the key an acknowledgement must travel with to meet the incident.
 */
public final class IncidentIds {

    private static final Pattern ID = Pattern.compile("^(.+?)/(\\d{1,19})/(.+)$");

    private IncidentIds() {
    }

    public static String of(String kind, long openedAtMs, String subject) {
        return kind + "/" + openedAtMs + "/" + subject;
    }

    /** The subject of a well-formed id; empty for anything else. */
    public static Optional<String> subjectOf(String incidentId) {
        Matcher matcher = ID.matcher(incidentId == null ? "" : incidentId);
        return matcher.matches() ? Optional.of(matcher.group(3)) : Optional.empty();
    }
}
