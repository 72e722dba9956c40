package dev.foresight.domain.hostrisk;

/**
 * When a host's alert is raised and cleared: raised at the alert threshold, cleared only below the lower exit
 * threshold, so a risk that hovers at the threshold does not flap.
 */
public record AlertHysteresis(double alertThreshold, double exitThreshold) {

    /** Whether this round raised or cleared the host's alert. */
    public enum Transition { NONE, RAISED, CLEARED }

    public AlertHysteresis {
        if (exitThreshold > alertThreshold) {
            throw new IllegalArgumentException("exit threshold " + exitThreshold + " above alert " + alertThreshold);
        }
    }

    public Transition next(boolean alerting, double risk) {
        if (!alerting && risk >= alertThreshold) {
            return Transition.RAISED;
        }
        return alerting && risk < exitThreshold ? Transition.CLEARED : Transition.NONE;
    }

    /** Alerting after the transition. */
    public static boolean alertingAfter(boolean alerting, Transition transition) {
        return transition == Transition.RAISED || alerting && transition != Transition.CLEARED;
    }
}
