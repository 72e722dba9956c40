package dev.foresight.domain.orchestration;

import dev.foresight.domain.orchestration.BreakerState.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The breaker state machine, driven by the checks of the service it guards:
 * CLOSED → OPEN when the failure rate of the window reaches the threshold; OPEN → HALF_OPEN on the first
 * check after {@code openFor}; HALF_OPEN → CLOSED after enough passed probes; HALF_OPEN → OPEN on a failed one.
 */
public final class CircuitBreaker {

    /** The next state, and the phase entered if it changed. */
    public record Transition(BreakerState state, Optional<Phase> entered) {
    }

    private final BreakerSettings settings;

    public CircuitBreaker(BreakerSettings settings) {
        this.settings = settings;
    }

    public Transition onCheck(BreakerState state, boolean failed, Instant now) {
        return switch (state.phase()) {
            case CLOSED -> whileClosed(state, failed, now);
            case OPEN -> now.isBefore(state.openedAt().plus(settings.openFor()))
                    ? stay(state)
                    : enter(new BreakerState(Phase.HALF_OPEN, List.of(), state.openedAt(), 0));
            case HALF_OPEN -> whileHalfOpen(state, failed, now);
        };
    }

    /** Failure rate of the window, 0 when empty. */
    public static double failureRate(BreakerState state) {
        long failures = state.outcomes().stream().filter(f -> f).count();
        return state.outcomes().isEmpty() ? 0 : (double) failures / state.outcomes().size();
    }

    private Transition whileClosed(BreakerState state, boolean failed, Instant now) {
        List<Boolean> window = new ArrayList<>(state.outcomes());
        window.add(failed);
        if (window.size() > settings.window()) {
            window.remove(0);
        }
        BreakerState next = new BreakerState(Phase.CLOSED, window, null, 0);
        if (window.size() >= settings.minChecks() && failureRate(next) >= settings.failureRate()) {
            return enter(open(now, window));
        }
        return stay(next);
    }

    private Transition whileHalfOpen(BreakerState state, boolean failed, Instant now) {
        if (failed) {
            return enter(open(now, List.of(true)));
        }
        int passed = state.probeSuccesses() + 1;
        return passed >= settings.probes()
                ? enter(BreakerState.closed())
                : stay(new BreakerState(Phase.HALF_OPEN, List.of(), state.openedAt(), passed));
    }

    /** Keeps the window that tripped it, so its failure rate can be reported; the window restarts when it closes. */
    private static BreakerState open(Instant now, List<Boolean> window) {
        return new BreakerState(Phase.OPEN, window, now, 0);
    }

    private static Transition enter(BreakerState state) {
        return new Transition(state, Optional.of(state.phase()));
    }

    private static Transition stay(BreakerState state) {
        return new Transition(state, Optional.empty());
    }
}
