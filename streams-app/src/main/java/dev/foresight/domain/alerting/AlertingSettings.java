package dev.foresight.domain.alerting;

import java.time.Duration;

/**
 * How alerts become incidents.
 *
 * @param window             an alert joins its cause and subject's open incident if it comes at most this long after
 *                           the incident's last alert (event time); an incident with no alert seen for this long
 *                           (processing time) closes
 * @param repeatCount        every this many distinct alerts in one incident raise its severity a step
 * @param escalationTimeout  an incident of severity WARNING or more still unacknowledged this long after it opened
 *                           (processing time) is escalated
 * @param escalationTarget   who an escalated incident is routed to (a team, a pager rotation)
 * @param timerInterval      how often the open incidents are checked for escalation and closing (wall clock)
 * @param rememberedAlertIds the latest distinct alert ids an incident keeps to drop repeats of the same alert
 */
public record AlertingSettings(Duration window, int repeatCount, Duration escalationTimeout, String escalationTarget,
                               Duration timerInterval, int rememberedAlertIds) {

    public AlertingSettings {
        if (window.isNegative() || window.isZero() || escalationTimeout.isNegative() || escalationTimeout.isZero()) {
            throw new IllegalArgumentException("window and escalationTimeout must be positive");
        }
        if (repeatCount < 2) {
            throw new IllegalArgumentException("repeatCount must be at least 2, got " + repeatCount);
        }
        if (escalationTarget == null || escalationTarget.isBlank()) {
            throw new IllegalArgumentException("escalationTarget must name someone");
        }
        if (timerInterval.toMillis() < 100 || timerInterval.compareTo(escalationTimeout) > 0) {
            throw new IllegalArgumentException("timerInterval must be in [100ms, escalationTimeout], got "
                    + timerInterval);
        }
        if (rememberedAlertIds < 1 || rememberedAlertIds > 1_000) {
            throw new IllegalArgumentException("rememberedAlertIds must be in [1, 1000], got " + rememberedAlertIds);
        }
    }

    public static AlertingSettings defaults() {
        return new AlertingSettings(Duration.ofMinutes(30), 5, Duration.ofMinutes(10), "on-call",
                Duration.ofSeconds(10), 50);
    }
}
