package dev.foresight.topology.workflow;

/**
 * @param confidenceThreshold a model prediction at or above this confidence decides the allocation
 * @param modelHeadroom       the model's point prediction is raised by this fraction: its upper bound
 * @param fallbackQuantile    below the threshold, reserve this quantile of recent actual usage ...
 * @param historyWindow       ... over the last this many completed actions of the same workflow and action type
 * @param minHistory          with fewer samples the action's own request is reserved, or else {@code defaultAllocation}
 * @param defaultAllocation   what an action with no usable prediction, history or request gets
 */
public record AllocationPolicy(double confidenceThreshold, double modelHeadroom, double fallbackQuantile,
                               int historyWindow, int minHistory, Resources defaultAllocation) {

    public AllocationPolicy {
        if (fallbackQuantile <= 0 || fallbackQuantile > 1) {
            throw new IllegalArgumentException("fallbackQuantile must be in (0, 1]: " + fallbackQuantile);
        }
        if (historyWindow < 1 || minHistory < 1 || minHistory > historyWindow) {
            throw new IllegalArgumentException("need 1 <= minHistory <= historyWindow");
        }
    }

    public static AllocationPolicy defaults() {
        return new AllocationPolicy(0.7, 0.2, 0.95, 64, 5, new Resources(1, 1024, 0, 0, 0));
    }
}
