package dev.foresight.domain.hostrisk;

/**
 * When a host's alert is raised and cleared: raised once the risk has been at or above the alert threshold for
 * {@code raiseAfter} rounds in a row (a debounce: one noisy round is no alert), cleared only below the lower exit
 * threshold, so a risk that hovers at the threshold does not flap. The live scorer and the evaluation both step
 * hosts through this one rule.
 */
public record AlertHysteresis(double alertThreshold, double exitThreshold, int raiseAfter) {

    /** Whether this round raised or cleared the host's alert. */
    public enum Transition { NONE, RAISED, CLEARED }

    /** A host's alert state: in alert or not, and while not, the rounds in a row at or above the alert threshold. */
    public record State(boolean alerting, int roundsAbove) {
        public static final State CLEAR = new State(false, 0);
    }

    /** The state after a round and how it changed. */
    public record Step(State state, Transition transition) {
    }

    public AlertHysteresis {
        if (exitThreshold > alertThreshold || raiseAfter < 1) {
            throw new IllegalArgumentException("exit threshold " + exitThreshold + " above alert " + alertThreshold
                    + ", or a debounce of " + raiseAfter + " rounds");
        }
    }

    public Step next(State state, double risk) {
        if (state.alerting()) {
            return risk < exitThreshold ? new Step(State.CLEAR, Transition.CLEARED) : new Step(state, Transition.NONE);
        }
        int above = risk >= alertThreshold ? state.roundsAbove() + 1 : 0;
        return above >= raiseAfter ? new Step(new State(true, 0), Transition.RAISED)
                : new Step(new State(false, above), Transition.NONE);
    }
}
