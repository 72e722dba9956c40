package dev.foresight.predict.workflow;

/**
 * Predicted resources of an upcoming action.
 *
 * @param workflowType  the workflow the action belongs to ...
 * @param actionType    ... and the action's type: what was predicted, so an allocator can keep what it
 *                      learns per type
 * @param confidence    in [0, 1]: how far to trust this prediction; below the configured threshold the
 *                      allocator falls back to historical statistics
 * @param modelVersion  identifies the weights that made it, so a decision can be explained later
 * @param memoryUpperMb memory that covers the actual use with the predictor's calibrated coverage (an upper
 *                      prediction bound); infinite while the predictor cannot bound its error (then confidence is 0)
 */
public record ResourcePrediction(
        String workflowType, String actionType,
        double cpuCores, double memoryMb, double networkMb, double cost, double durationMs,
        double confidence, String modelVersion, double memoryUpperMb) {

    /** A prediction without an error bound: the upper bound is the point estimate. */
    public ResourcePrediction(String workflowType, String actionType, double cpuCores, double memoryMb,
                              double networkMb, double cost, double durationMs, double confidence,
                              String modelVersion) {
        this(workflowType, actionType, cpuCores, memoryMb, networkMb, cost, durationMs, confidence, modelVersion,
                memoryMb);
    }
}
