package dev.foresight.domain.synthesis;

/**
 * The sequential harm test: the effects it must detect and its error rates.
 *
 * @param slowdown      relative rise of the mean run duration that counts as slower (0.15 = 15 %)
 * @param extraFailures absolute rise of the failure rate that counts as failing more
 * @param waste         relative rise of the mean run cost that counts as wasteful
 * @param alpha         probability of rolling back a harmless stage
 * @param beta          probability of keeping a harmful one
 * @param minParentRuns parent runs needed before a trial can start
 * @param maxRuns       runs after which a stage with no verdict is kept
 */
public record HarmSettings(double slowdown, double extraFailures, double waste, double alpha, double beta,
                           int minParentRuns, int maxRuns) {

    public static HarmSettings defaults() {
        return new HarmSettings(0.15, 0.2, 0.5, 0.05, 0.1, 3, 30);
    }

    double upperBound() {
        return Math.log((1 - beta) / alpha);
    }

    double lowerBound() {
        return Math.log(beta / (1 - alpha));
    }
}
