package dev.foresight.domain.workflow;

/**
 * @param window         each source is judged on its costs over the last this many completed actions of a key
 * @param failurePenalty added to a source's cost for every attempt its allocation would have failed, as this
 *                       many times the action's use, on top of the attempt's wasted memory
 * @param priorWeight    an action type's own record counts the workflow type's record as this many actions
 * @param coldSource     the source that sizes an action type without history and without a record of its own
 *                       from earlier runs; empty: the record of the workflow type's other new types chooses
 */
public record SelectorSettings(int window, double failurePenalty, double priorWeight, String coldSource) {

    public SelectorSettings {
        if (window < 1 || !(failurePenalty >= 0) || !(priorWeight >= 0)
                || !Double.isFinite(failurePenalty) || !Double.isFinite(priorWeight)) {
            throw new IllegalArgumentException("need window >= 1 and finite failurePenalty, priorWeight >= 0: "
                    + window + ", " + failurePenalty + ", " + priorWeight);
        }
        if (coldSource == null) {
            throw new IllegalArgumentException("coldSource must be a source's name or empty");
        }
    }

    /** New action types chosen on the record of the workflow type's other new types. */
    public SelectorSettings(int window, double failurePenalty, double priorWeight) {
        this(window, failurePenalty, priorWeight, "");
    }

    @Override
    public String toString() {
        return "window " + window + ", failure penalty " + failurePenalty + ", prior weight " + priorWeight
                + (coldSource.isEmpty() ? "" : ", new types by " + coldSource);
    }
}
