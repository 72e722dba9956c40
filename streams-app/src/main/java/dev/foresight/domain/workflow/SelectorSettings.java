package dev.foresight.domain.workflow;

/**
 * @param window         each source is judged on its costs over the last this many completed actions of a key
 * @param failurePenalty added to a source's relative cost for every attempt its allocation would have failed,
 *                       on top of the attempt's wasted memory
 * @param priorWeight    an action type's own record counts the workflow type's record as this many actions
 * @param coverage       calibrate every source to cover this share of the recent peaks it was proposed for;
 *                       0 leaves the proposals as they are
 */
public record SelectorSettings(int window, double failurePenalty, double priorWeight, double coverage) {

    public SelectorSettings {
        if (window < 1 || !(failurePenalty >= 0) || !(priorWeight >= 0)
                || !Double.isFinite(failurePenalty) || !Double.isFinite(priorWeight)) {
            throw new IllegalArgumentException("need window >= 1 and finite failurePenalty, priorWeight >= 0: "
                    + window + ", " + failurePenalty + ", " + priorWeight);
        }
        if (!(coverage >= 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage must be in [0, 1]: " + coverage);
        }
    }

    /** Uncalibrated: every source's proposal as it is. */
    public SelectorSettings(int window, double failurePenalty, double priorWeight) {
        this(window, failurePenalty, priorWeight, 0);
    }

    boolean calibrates() {
        return coverage > 0;
    }

    @Override
    public String toString() {
        return "window " + window + ", failure penalty " + failurePenalty + ", prior weight " + priorWeight
                + (calibrates() ? ", calibrated to cover " + coverage : ", uncalibrated");
    }
}
