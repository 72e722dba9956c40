package dev.foresight.domain.alerting;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.Incident;
import dev.foresight.schema.commands.IncidentChange;
import dev.foresight.schema.commands.IncidentStatus;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.events.IncidentAcknowledged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups the alerts of one cause (alert kind) and subject into incidents: one incident while alerts keep coming
 * within the window, repeats of the same alert dropped, the severity raised a step every {@code repeatCount}
 * alerts, escalated when it stays unacknowledged past the timeout, closed once it has been quiet for the window.
 * Only changes are emitted, so a hundred alerts of one cause make one incident and a few updates, not a hundred.
 * An alert of kind {@code <kind>-cleared} (the feature says the condition is over) closes the open incident of
 * {@code <kind>} and opens none.
 *
 * <p>Grouping reads the alerts' own times, so a replay groups them the same way. The timers read processing time:
 * escalation measures how long nobody has answered, and closing must happen when no alert comes at all, which
 * stream time could not see (it stands still on a quiet partition).
 */
public final class IncidentGrouper {

    static final String MADE_BY = "alert-grouper";
    static final String VERSION = "1";
    /** The suffix of the kind a feature raises when its condition is over, e.g. {@code anomaly-cleared}. */
    static final String CLEARED = "-cleared";

    private final AlertingSettings settings;

    public IncidentGrouper(AlertingSettings settings) {
        this.settings = settings;
    }

    /**
     * What an alert changes.
     *
     * @param state   the incident to keep, or null when none stays open
     * @param emitted the changes to publish, in order (e.g. a stale incident closed, then a new one opened)
     */
    public record Outcome(Incident state, List<Incident> emitted) {
    }

    /** The cause an alert's kind belongs to: its own, or for {@code <kind>-cleared} the kind it clears. */
    public static String causeOf(String kind) {
        return kind.endsWith(CLEARED) ? kind.substring(0, kind.length() - CLEARED.length()) : kind;
    }

    /**
     * @param open  the open incident of the alert's cause ({@link #causeOf}) and subject, or null
     * @param nowMs processing time
     */
    public Outcome alert(Incident open, Alert alert, long nowMs) {
        if (!causeOf(alert.getKind()).equals(alert.getKind())) {
            return open == null ? new Outcome(null, List.of())
                    : new Outcome(null, List.of(closed(open, alert.getIssuedAt(), "cleared: " + alert.getMessage())));
        }
        List<Incident> emitted = new ArrayList<>();
        Incident current = open;
        if (current != null && alert.getIssuedAt().isAfter(current.getLastAlertAt().plus(settings.window()))) {
            emitted.add(closed(current, alert.getIssuedAt(), "a new alert came more than the window after the last"));
            current = null;
        }
        if (current == null) {
            Incident opened = opened(alert, nowMs);
            emitted.add(opened);
            return new Outcome(opened, emitted);
        }
        if (current.getRecentAlertIds().contains(alert.getAlertId())) {
            return new Outcome(Incident.newBuilder(current).setDuplicates(current.getDuplicates() + 1).build(), emitted);
        }
        Incident grouped = grouped(current, alert, nowMs);
        if (grouped.getSeverity() != current.getSeverity()) {
            grouped = changed(grouped, IncidentChange.SEVERITY_RAISED, grouped.getStatus(), alert.getIssuedAt(),
                    String.format(Locale.ROOT, "%d alerts of %s on %s: severity raised from %s to %s",
                            grouped.getAlerts(), grouped.getKind(), grouped.getSubject(), current.getSeverity(),
                            grouped.getSeverity()));
            emitted.add(grouped);
        }
        return new Outcome(grouped, emitted);
    }

    /** An acknowledgement of the open incident stops its escalation; one of any other incident changes nothing. */
    public Outcome acknowledge(Incident open, IncidentAcknowledged ack) {
        if (open == null || !open.getIncidentId().equals(ack.getIncidentId())
                || open.getStatus() == IncidentStatus.ACKNOWLEDGED) {
            return new Outcome(open, List.of());
        }
        Incident acknowledged = changed(Incident.newBuilder(open).setAcknowledgedBy(ack.getAcknowledgedBy()).build(),
                IncidentChange.ACKNOWLEDGED, IncidentStatus.ACKNOWLEDGED, ack.getTimestamp(),
                "acknowledged by " + ack.getAcknowledgedBy());
        return new Outcome(acknowledged, List.of(acknowledged));
    }

    /** The timers at processing time {@code nowMs}: close a quiet incident, escalate an unanswered one. */
    public Outcome tick(Incident open, long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        if (nowMs - open.getLastSeenAt().toEpochMilli() >= settings.window().toMillis()) {
            return new Outcome(null, List.of(closed(open, now, "no alert for the window")));
        }
        boolean due = open.getStatus() == IncidentStatus.OPEN && open.getSeverity() != AlertSeverity.INFO
                && nowMs - open.getOpenedSeenAt().toEpochMilli() >= settings.escalationTimeout().toMillis();
        if (!due) {
            return new Outcome(open, List.of());
        }
        Incident escalated = changed(Incident.newBuilder(open).setEscalatedTo(settings.escalationTarget()).build(),
                IncidentChange.ESCALATED, IncidentStatus.ESCALATED, now,
                String.format(Locale.ROOT, "unacknowledged %d min after it opened: routed to %s",
                        settings.escalationTimeout().toMinutes(), settings.escalationTarget()));
        return new Outcome(escalated, List.of(escalated));
    }

    private Incident opened(Alert alert, long nowMs) {
        Instant seen = Instant.ofEpochMilli(nowMs);
        Incident incident = Incident.newBuilder()
                .setIncidentId(IncidentIds.of(alert.getKind(), alert.getIssuedAt().toEpochMilli(), alert.getSubject()))
                .setIssuedAt(alert.getIssuedAt()).setChange(IncidentChange.OPENED).setStatus(IncidentStatus.OPEN)
                .setKind(alert.getKind()).setSubject(alert.getSubject()).setSeverity(alert.getSeverity())
                .setFirstAlertAt(alert.getIssuedAt()).setLastAlertAt(alert.getIssuedAt()).setOpenedSeenAt(seen)
                .setLastSeenAt(seen).setAlerts(1).setDuplicates(0).setRecentAlertIds(List.of(alert.getAlertId()))
                .setLastMessage(alert.getMessage()).setDecision(decision(null, "")).build();
        return changed(incident, IncidentChange.OPENED, IncidentStatus.OPEN, alert.getIssuedAt(),
                "first alert of " + alert.getKind() + " on " + alert.getSubject() + ": " + alert.getMessage());
    }

    private Incident grouped(Incident current, Alert alert, long nowMs) {
        int alerts = current.getAlerts() + 1;
        AlertSeverity severity = max(current.getSeverity(), alert.getSeverity());
        if (alerts % settings.repeatCount() == 0) {
            severity = raised(severity);
        }
        Instant last = alert.getIssuedAt().isAfter(current.getLastAlertAt()) ? alert.getIssuedAt()
                : current.getLastAlertAt();
        return Incident.newBuilder(current).setAlerts(alerts).setSeverity(severity).setLastAlertAt(last)
                .setLastSeenAt(Instant.ofEpochMilli(nowMs)).setLastMessage(alert.getMessage())
                .setRecentAlertIds(remembered(current.getRecentAlertIds(), alert.getAlertId())).build();
    }

    private List<String> remembered(List<String> ids, String id) {
        List<String> kept = new ArrayList<>(ids);
        kept.add(id);
        return List.copyOf(kept.subList(Math.max(0, kept.size() - settings.rememberedAlertIds()), kept.size()));
    }

    private Incident closed(Incident open, Instant at, String why) {
        return changed(open, IncidentChange.CLOSED, IncidentStatus.CLOSED, at, "closed: " + why);
    }

    private Incident changed(Incident incident, IncidentChange change, IncidentStatus status, Instant at,
                             String explanation) {
        return Incident.newBuilder(incident).setChange(change).setStatus(status).setIssuedAt(at)
                .setDecision(decision(incident, explanation)).build();
    }

    private Decision decision(Incident incident, String explanation) {
        Map<String, Double> inputs = incident == null ? Map.of() : Map.of("alerts", (double) incident.getAlerts(),
                "duplicates", (double) incident.getDuplicates());
        return Decision.newBuilder().setMadeBy(MADE_BY).setVersion(VERSION).setInputs(inputs)
                .setThresholds(Map.of("windowMinutes", (double) settings.window().toMinutes(),
                        "repeatCount", (double) settings.repeatCount(),
                        "escalationTimeoutMinutes", (double) settings.escalationTimeout().toMinutes()))
                .setExplanation(explanation)
                .setEvidence(incident == null ? Map.of() : Map.of("lastMessage", incident.getLastMessage(),
                        "escalationTarget", settings.escalationTarget()))
                .build();
    }

    private static AlertSeverity max(AlertSeverity a, AlertSeverity b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static AlertSeverity raised(AlertSeverity severity) {
        AlertSeverity[] all = AlertSeverity.values();
        return all[Math.min(all.length - 1, severity.ordinal() + 1)];
    }
}
