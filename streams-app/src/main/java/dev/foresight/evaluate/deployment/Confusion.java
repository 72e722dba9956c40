package dev.foresight.evaluate.deployment;

/** Counts of a binary failure predictor's decisions against the truth; "positive" means "will fail". */
public record Confusion(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    public static final Confusion EMPTY = new Confusion(0, 0, 0, 0);

    public Confusion add(boolean predictedFailure, boolean failed) {
        return new Confusion(
                truePositives + (predictedFailure && failed ? 1 : 0),
                falsePositives + (predictedFailure && !failed ? 1 : 0),
                falseNegatives + (!predictedFailure && failed ? 1 : 0),
                trueNegatives + (!predictedFailure && !failed ? 1 : 0));
    }

    public Confusion plus(Confusion other) {
        return new Confusion(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives, trueNegatives + other.trueNegatives);
    }

    /** 0 when nothing was predicted to fail. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** 0 when nothing failed. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** Harmonic mean of precision and recall; 0 when there is no true positive. */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
