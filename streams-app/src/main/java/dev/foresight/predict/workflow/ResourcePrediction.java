package dev.foresight.predict.workflow;

/**
 * Predicted resources of an upcoming action.
 *
 * @param confidence    in [0, 1]: how far to trust this prediction; below the configured threshold the
 *                      allocator falls back to historical statistics
 * @param modelVersion  identifies the weights that made it, so a decision can be explained later
 * @param memoryUpperMb memory that covers the actual use with the predictor's calibrated coverage (an upper
 *                      prediction bound); infinite while the predictor cannot bound its error (then confidence is 0)
 */
public record ResourcePrediction(
        double cpuCores, double memoryMb, double networkMb, double cost, double durationMs,
        double confidence, String modelVersion, double memoryUpperMb) {

    /** A prediction without an error bound: the upper bound is the point estimate. */
    public ResourcePrediction(double cpuCores, double memoryMb, double networkMb, double cost, double durationMs,
                              double confidence, String modelVersion) {
        this(cpuCores, memoryMb, networkMb, cost, durationMs, confidence, modelVersion, memoryMb);
    }
}
