package dev.foresight.predict.risk;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A decision threshold chosen from the past only: the score cut that would have maximized F1 over the
 * last {@code window} scored outcomes. A window, not all history, because the scores come from a model
 * that keeps learning, so old scores drift out of scale.
 */
public final class OnlineF1Threshold {

    private final double[] scores;
    private final boolean[] failed;
    private final double initial;
    private int size;
    private int next;
    private double threshold;

    /** @param initial the threshold until a failure has been seen */
    public OnlineF1Threshold(int window, double initial) {
        this.scores = new double[window];
        this.failed = new boolean[window];
        this.initial = initial;
        this.threshold = initial;
    }

    /** Predict failure iff the score is at least this. */
    public double threshold() {
        return threshold;
    }

    public void observe(double score, boolean outcomeFailed) {
        scores[next] = score;
        failed[next] = outcomeFailed;
        next = (next + 1) % scores.length;
        size = Math.min(size + 1, scores.length);
        threshold = best();
    }

    /** Writes the remembered outcomes, to keep in a state store; read back with {@link #readFrom}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(size);
        out.writeInt(next);
        out.writeDouble(threshold);
        for (int i = 0; i < size; i++) {
            out.writeDouble(scores[i]);
            out.writeBoolean(failed[i]);
        }
    }

    /** Restores what {@link #writeTo} wrote, into a threshold of the same window. */
    public void readFrom(DataInput in) throws IOException {
        int stored = in.readInt();
        int position = in.readInt();
        if (stored < 0 || stored > scores.length || position < 0 || position >= scores.length) {
            throw new IOException("threshold state does not fit a window of " + scores.length);
        }
        size = stored;
        next = position;
        threshold = in.readDouble();
        for (int i = 0; i < size; i++) {
            scores[i] = in.readDouble();
            failed[i] = in.readBoolean();
        }
    }

    /** Walks the cuts from the highest score down; a cut can only fall between distinct scores. */
    private double best() {
        Integer[] order = new Integer[size];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        long positives = 0;
        for (int i = 0; i < size; i++) {
            positives += failed[i] ? 1 : 0;
        }
        if (positives == 0) {
            return initial;
        }
        long truePositives = 0;
        double bestF1 = -1;
        double bestCut = initial;
        for (int k = 0; k < size; k++) {
            truePositives += failed[order[k]] ? 1 : 0;
            boolean lastOfTie = k + 1 == size || scores[order[k + 1]] != scores[order[k]];
            double f1 = 2.0 * truePositives / (k + 1 + positives);
            if (lastOfTie && f1 > bestF1) {
                bestF1 = f1;
                bestCut = scores[order[k]];
            }
        }
        return bestCut;
    }
}
