package dev.foresight.domain.workflow;

/**
 * @param confidenceThreshold a model prediction strictly above this confidence decides the allocation
 * @param headroom            the model's point prediction and the history quantile are raised by this fraction,
 *                            for usage higher than any seen so far
 * @param fallbackQuantile    below the threshold, reserve this quantile of recent actual usage of the action type ...
 * @param historyWindow       ... over the last this many completed actions of the same workflow and action type;
 *                            a type without history gets its request scaled by this quantile of the shares of
 *                            their request that the workflow's other action types used ...
 * @param minTypes            ... once at least this many types have history, else its whole request
 * @param defaultAllocation   what an action with no usable prediction, history or request gets
 */
public record AllocationPolicy(double confidenceThreshold, double headroom, double fallbackQuantile,
                               int historyWindow, int minTypes, Resources defaultAllocation) {

    public AllocationPolicy {
        if (fallbackQuantile <= 0 || fallbackQuantile > 1) {
            throw new IllegalArgumentException("fallbackQuantile must be in (0, 1]: " + fallbackQuantile);
        }
        if (historyWindow < 1 || minTypes < 1) {
            throw new IllegalArgumentException("need historyWindow >= 1 and minTypes >= 1");
        }
    }

    public static AllocationPolicy defaults() {
        return new AllocationPolicy(0.7, 0.2, 0.95, 64, 5, new Resources(1, 1024, 0, 0, 0));
    }
}
