package dev.foresight.domain.signals;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How unlikely the recent average of a surprise measure is, given its own history (the anomaly
 * likelihood of Numenta's HTM detector): the Gaussian tail probability of the short average against
 * the long history, on a log scale where 0 is ordinary and 1 is a one-in-10^10 event.
 */
final class SurpriseLikelihood {

    private static final double MIN_DEVIATION = 1e-3;
    private static final double EPSILON = 1e-10;

    private final RollingStats history;
    private final RollingStats recent;
    private final int warmup;

    SurpriseLikelihood(int historyLength, int averaged, int warmup) {
        this.history = new RollingStats(historyLength);
        this.recent = new RollingStats(averaged);
        this.warmup = warmup;
    }

    double update(double surprise) {
        recent.add(surprise);
        double z = (recent.mean() - history.mean()) / Math.max(history.std(), MIN_DEVIATION);
        history.add(surprise);
        if (history.size() < warmup) {
            return 0;
        }
        double tail = upperTail(z);
        return Math.log(tail + EPSILON) / Math.log(EPSILON);
    }

    void writeTo(DataOutput out) throws IOException {
        history.writeTo(out);
        recent.writeTo(out);
    }

    void readFrom(DataInput in) throws IOException {
        history.readFrom(in);
        recent.readFrom(in);
    }

    /** P(Z > z) for a standard normal Z, via erfc (Numerical Recipes' Chebyshev fit, error below 1.2e-7). */
    static double upperTail(double z) {
        double x = z / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double erfc = t * Math.exp(poly);
        return 0.5 * (x >= 0 ? erfc : 2 - erfc);
    }
}
