package dev.foresight.domain.workflow;

/**
 * @param window         each source is judged on its costs over the last this many completed actions of a key
 * @param failurePenalty added to a source's relative cost for every attempt its allocation would have failed,
 *                       on top of the attempt's wasted memory
 * @param priorWeight    an action type's own record counts the workflow type's record as this many actions
 */
public record SelectorSettings(int window, double failurePenalty, double priorWeight) {

    public SelectorSettings {
        if (window < 1 || !(failurePenalty >= 0) || !(priorWeight >= 0)
                || !Double.isFinite(failurePenalty) || !Double.isFinite(priorWeight)) {
            throw new IllegalArgumentException("need window >= 1 and finite failurePenalty, priorWeight >= 0: "
                    + window + ", " + failurePenalty + ", " + priorWeight);
        }
    }

    @Override
    public String toString() {
        return "window " + window + ", failure penalty " + failurePenalty + ", prior weight " + priorWeight;
    }
}
