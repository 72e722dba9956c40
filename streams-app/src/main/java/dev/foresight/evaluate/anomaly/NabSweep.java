package dev.foresight.evaluate.anomaly;

import java.util.Arrays;

/**
 * NAB's per-row weighting of one file under one profile, as in {@code nab/sweeper.py}: a row inside a
 * window is worth {@code tpWeight} times the scaled sigmoid of its position (1.0 at the window's first
 * row, falling towards its end), normalized by the value at the first row; a row outside every window
 * costs {@code fpWeight} times the sigmoid of its distance past the previous window (the full cost
 * before the first window and from three window widths on). Probation rows are not scorable.
 */
public final class NabSweep {

    /** Marks a row outside every window. */
    public static final int NO_WINDOW = -1;
    /** Marks a probation row, which no threshold ever scores. */
    public static final int PROBATION = -2;

    private static final double MAX_TP = scaledSigmoid(-1.0);

    private final NabProfile profile;
    private final double[] weights;
    private final int[] windowOf;
    private final boolean[] scoredWindow;

    private NabSweep(NabProfile profile, double[] weights, int[] windowOf, boolean[] scoredWindow) {
        this.profile = profile;
        this.weights = weights;
        this.windowOf = windowOf;
        this.scoredWindow = scoredWindow;
    }

    public static NabSweep of(NabSeries series, NabProfile profile) {
        int n = series.size();
        double[] weights = new double[n];
        int[] windowOf = new int[n];
        Arrays.fill(windowOf, NO_WINDOW);
        for (int w = 0; w < series.windows().size(); w++) {
            NabSeries.Window window = series.windows().get(w);
            for (int i = window.first(); i <= window.last(); i++) {
                windowOf[i] = w;
                double position = -(window.last() - i + 1) / (double) window.width();
                weights[i] = scaledSigmoid(position) * profile.tpWeight() / MAX_TP;
            }
        }
        fillFalsePositiveWeights(series, profile, weights, windowOf);
        int probation = series.probationLength();
        boolean[] scored = new boolean[series.windows().size()];
        for (int i = 0; i < n; i++) {
            if (i < probation) {
                windowOf[i] = PROBATION;
            } else if (windowOf[i] >= 0) {
                scored[windowOf[i]] = true;
            }
        }
        return new NabSweep(profile, weights, windowOf, scored);
    }

    private static void fillFalsePositiveWeights(NabSeries series, NabProfile profile, double[] weights,
                                                 int[] windowOf) {
        int previousLast = -1;
        int previousWidth = 0;
        for (int i = 0; i < weights.length; i++) {
            if (windowOf[i] >= 0) {
                NabSeries.Window window = series.windows().get(windowOf[i]);
                previousLast = window.last();
                previousWidth = window.width();
                continue;
            }
            double past = previousLast < 0 ? 3.0 : Math.abs(previousLast - i) / (double) (previousWidth - 1);
            weights[i] = scaledSigmoid(past) * profile.fpWeight();
        }
    }

    /** NAB's scaled sigmoid: 2·sigmoid(−5x) − 1, and −1 from x = 3 on. */
    static double scaledSigmoid(double relativePosition) {
        if (relativePosition >= 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    public NabProfile profile() {
        return profile;
    }

    public int rows() {
        return weights.length;
    }

    /** The weight the row adds when detected: positive in a window, negative outside. */
    public double weight(int row) {
        return weights[row];
    }

    /** The window index of a row, {@link #NO_WINDOW} or {@link #PROBATION}. */
    public int windowOf(int row) {
        return windowOf[row];
    }

    public int windowCount() {
        return scoredWindow.length;
    }

    /** Whether a window has a scorable row: only such a window costs {@code fnWeight} when missed. */
    public boolean isScored(int window) {
        return scoredWindow[window];
    }

    /**
     * The file's NAB score when every row whose anomaly score is at least {@code threshold} is a
     * detection: the best (earliest) detection of each window, minus {@code fnWeight} per window
     * without one, plus the weighted false positives.
     */
    public NabFileScore score(double[] anomalyScores, double threshold) {
        if (anomalyScores.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " scores, got " + anomalyScores.length);
        }
        double[] best = new double[windowCount()];
        Arrays.fill(best, Double.NaN);
        double falsePositives = 0;
        int tp = 0;
        int tn = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < weights.length; i++) {
            int w = windowOf[i];
            if (w == PROBATION) {
                continue;
            }
            boolean detected = anomalyScores[i] >= threshold;
            if (w == NO_WINDOW) {
                if (detected) {
                    fp++;
                    falsePositives += weights[i];
                } else {
                    tn++;
                }
            } else if (detected) {
                tp++;
                best[w] = Double.isNaN(best[w]) ? weights[i] : Math.max(best[w], weights[i]);
            } else {
                fn++;
            }
        }
        double score = falsePositives;
        for (int w = 0; w < best.length; w++) {
            if (scoredWindow[w]) {
                score += Double.isNaN(best[w]) ? -profile.fnWeight() : best[w];
            }
        }
        return new NabFileScore(score, tp, tn, fp, fn);
    }
}
