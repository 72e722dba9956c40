package dev.foresight.domain.workflow;

/**
 * Which sizing source decided an allocation, and on what record.
 *
 * @param source     the source's name
 * @param index      its position in the selector's source list
 * @param scope      whose record decided: the action type's own, the workflow type's record for action types
 *                   without history ({@code cold}) or with it ({@code warm}), or none yet ({@code prior})
 * @param meanCost   the source's mean cost over that record, relative to the actions' use (NaN for
 *                   {@code prior})
 * @param samples    how many completed actions that record holds
 * @param allocationMb what to allocate: the source's proposal times its calibration factor
 * @param factor     the calibration factor (1 when the selector does not calibrate or has too little record)
 */
public record SizingChoice(String source, int index, String scope, double meanCost, int samples,
                           double allocationMb, double factor) {

    public String explanation() {
        return "prior".equals(scope)
                ? source + ": no completed action to judge the sources on yet, first source in order"
                : String.format(java.util.Locale.ROOT, "%s x %.3f: lowest mean relative cost %.3f over the last %d "
                        + "completed actions of the %s record", source, factor, meanCost, samples, scope);
    }
}
