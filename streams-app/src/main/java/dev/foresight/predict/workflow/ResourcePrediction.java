package dev.foresight.predict.workflow;

/**
 * Predicted resources of an upcoming action.
 *
 * @param confidence   in [0, 1]: how far to trust this prediction; below the configured threshold the
 *                     allocator falls back to historical statistics
 * @param modelVersion identifies the weights that made it, so a decision can be explained later
 */
public record ResourcePrediction(
        double cpuCores, double memoryMb, double networkMb, double cost, double durationMs,
        double confidence, String modelVersion) {
}
