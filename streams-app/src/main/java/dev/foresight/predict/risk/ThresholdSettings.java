package dev.foresight.predict.risk;

/**
 * How an {@link OnlineF1Threshold} chooses its cut.
 *
 * @param window      finished outcomes the cut is chosen over
 * @param initial     the cut while the window holds fewer than {@code minFailures} failures
 * @param minFailures failures the window must hold before its cut is trusted: with one or two, the best
 *                    past cut is just the score of those few and says little about the next
 * @param rule        how the window's scores give the cut
 */
public record ThresholdSettings(int window, double initial, int minFailures, CutRule rule) {

    /** How the window's scored outcomes give the cut. */
    public enum CutRule {
        /** The score at which F1 over the window was highest. */
        BEST_PAST_CUT,
        /**
         * Half the highest F1 reached over the window: for calibrated probabilities the cut that maximizes
         * F1 is half the best F1 (Lipton, Elkan and Narayanaswamy, 2014), and unlike a past score it does
         * not lag when a model that keeps learning moves its scores.
         */
        HALF_BEST_F1
    }

    public ThresholdSettings {
        if (window < 1 || !(initial >= 0 && initial <= 1) || minFailures < 1 || minFailures > window
                || rule == null) {
            throw new IllegalArgumentException("invalid threshold settings: " + this);
        }
    }
}
