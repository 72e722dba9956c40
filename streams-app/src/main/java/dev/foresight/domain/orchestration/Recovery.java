package dev.foresight.domain.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Auto-recovery of one service: restart with growing delays while it keeps failing, escalate to a person
 * once the attempts are used up. The attempt count survives short recoveries, so a flapping service
 * waits longer each time; only {@code stableAfter} of health starts it over.
 *
 * <p>A failure caused upstream (a dependency is failing too) marks the incident but does not count
 * towards a restart: restarting a service whose database is down helps nobody.
 */
public final class Recovery {

    /** What recovery asks for after a check. */
    public sealed interface Action {
    }

    /** Restart number {@code attempt}, after waiting {@code delay} (so not before {@code notBefore}). */
    public record Restart(int attempt, Duration delay, Instant notBefore) implements Action {
    }

    /** The restarts did not help: a person must look. */
    public record Escalate(int attempts, Instant failingSince) implements Action {
    }

    /** The incident ended: failing since {@code failingSince}, healthy again after {@code took}. */
    public record Recovered(Instant failingSince, Duration took) implements Action {
    }

    public record Step(RecoveryState state, Optional<Action> action) {
    }

    private final RecoverySettings settings;

    public Recovery(RecoverySettings settings) {
        this.settings = settings;
    }

    /**
     * @param ownFault false when a dependency is failing as well
     * @param seed     identifies the service, so jitter differs between services but not between replays
     */
    public Step onFailure(RecoveryState s, Instant now, boolean ownFault, long seed) {
        Instant since = s.failing() ? s.failingSince() : now;
        int failures = ownFault ? s.consecutiveFailures() + 1 : s.consecutiveFailures();
        RecoveryState next = new RecoveryState(failures, 0, s.attempt(), s.escalated(), since, null, s.nextRestartAt());
        boolean due = ownFault && failures >= settings.failuresToRestart() && !s.escalated()
                && (s.nextRestartAt() == null || !now.isBefore(s.nextRestartAt()));
        if (!due) {
            return new Step(next, Optional.empty());
        }
        if (settings.backoff().exhausted(s.attempt())) {
            return new Step(new RecoveryState(failures, 0, s.attempt(), true, since, null, null),
                    Optional.of(new Escalate(s.attempt(), since)));
        }
        int attempt = s.attempt() + 1;
        Duration delay = settings.backoff().delay(attempt, seed ^ since.toEpochMilli());
        Instant notBefore = now.plus(delay);
        return new Step(new RecoveryState(failures, 0, attempt, false, since, null,
                notBefore.plus(settings.restartGrace())), Optional.of(new Restart(attempt, delay, notBefore)));
    }

    public Step onSuccess(RecoveryState s, Instant now) {
        int passed = s.consecutiveSuccesses() + 1;
        Instant healthySince = s.healthySince() == null ? now : s.healthySince();
        if (s.failing() && passed >= settings.successesToRecover()) {
            return new Step(new RecoveryState(0, passed, s.attempt(), s.escalated(), null, healthySince,
                    s.nextRestartAt()), Optional.of(new Recovered(s.failingSince(),
                    Duration.between(s.failingSince(), now))));
        }
        boolean stable = !s.failing() && !now.isBefore(healthySince.plus(settings.stableAfter()));
        return new Step(stable
                ? new RecoveryState(0, passed, 0, false, null, healthySince, null)
                : new RecoveryState(0, passed, s.attempt(), s.escalated(), s.failingSince(), healthySince,
                        s.nextRestartAt()), Optional.empty());
    }
}
