package dev.foresight.predict.risk;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A decision threshold chosen from the past only: the score cut that would have maximized F1 over the
 * last {@code window} scored outcomes. A window, not all history, because the scores come from a model
 * that keeps learning, so old scores drift out of scale. The cut is the best past one, or half the best
 * past F1 ({@link ThresholdSettings.CutRule}). Until the window holds enough failures for that to mean
 * something, the initial cut stands.
 */
public final class OnlineF1Threshold {

    private final double[] scores;
    private final boolean[] failed;
    /** The window's outcomes again, highest score first, so each new cut is one walk, not a sort. */
    private final double[] sortedScores;
    private final boolean[] sortedFailed;
    private final double initial;
    private final int minFailures;
    private final ThresholdSettings.CutRule rule;
    private int size;
    private int next;
    private int failures;
    private double threshold;

    public OnlineF1Threshold(ThresholdSettings settings) {
        this.scores = new double[settings.window()];
        this.failed = new boolean[settings.window()];
        this.sortedScores = new double[settings.window()];
        this.sortedFailed = new boolean[settings.window()];
        this.initial = settings.initial();
        this.minFailures = settings.minFailures();
        this.rule = settings.rule();
        this.threshold = initial;
    }

    /** Predict failure iff the score is at least this. */
    public double threshold() {
        return threshold;
    }

    public void observe(double score, boolean outcomeFailed) {
        if (size == scores.length) {
            unsort(scores[next], failed[next]);
        } else {
            size++;
        }
        scores[next] = score;
        failed[next] = outcomeFailed;
        next = (next + 1) % scores.length;
        sort(score, outcomeFailed);
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
        threshold = in.readDouble();
        next = position;
        size = stored;
        for (int i = 0; i < stored; i++) {
            scores[i] = in.readDouble();
            failed[i] = in.readBoolean();
        }
        sortAll();
    }

    /**
     * Rebuilds the sorted copy at once, as the failures' scores and the others' each sorted, then merged:
     * a state store loads the threshold at every build event, and one insertion per outcome would cost the
     * square of the window.
     */
    private void sortAll() {
        double[] failedScores = new double[size];
        double[] passedScores = new double[size];
        failures = 0;
        int passes = 0;
        for (int i = 0; i < size; i++) {
            if (failed[i]) {
                failedScores[failures++] = scores[i];
            } else {
                passedScores[passes++] = scores[i];
            }
        }
        Arrays.sort(failedScores, 0, failures);
        Arrays.sort(passedScores, 0, passes);
        int f = failures - 1;
        int p = passes - 1;
        for (int k = 0; k < size; k++) {
            boolean takeFailed = p < 0 || f >= 0 && Double.compare(failedScores[f], passedScores[p]) >= 0;
            sortedFailed[k] = takeFailed;
            sortedScores[k] = takeFailed ? failedScores[f--] : passedScores[p--];
        }
    }

    /** Inserts into the sorted copy, which holds {@code size - 1} outcomes before. */
    private void sort(double score, boolean outcomeFailed) {
        int at = 0;
        while (at < size - 1 && Double.compare(sortedScores[at], score) >= 0) {
            at++;
        }
        System.arraycopy(sortedScores, at, sortedScores, at + 1, size - 1 - at);
        System.arraycopy(sortedFailed, at, sortedFailed, at + 1, size - 1 - at);
        sortedScores[at] = score;
        sortedFailed[at] = outcomeFailed;
        failures += outcomeFailed ? 1 : 0;
    }

    /** Removes one outcome equal to this one from the sorted copy (any of equals: they are alike). */
    private void unsort(double score, boolean outcomeFailed) {
        int at = 0;
        while (Double.compare(sortedScores[at], score) != 0 || sortedFailed[at] != outcomeFailed) {
            at++;
        }
        System.arraycopy(sortedScores, at + 1, sortedScores, at, size - 1 - at);
        System.arraycopy(sortedFailed, at + 1, sortedFailed, at, size - 1 - at);
        failures -= outcomeFailed ? 1 : 0;
    }

    /** Walks the cuts from the highest score down; a past cut can only fall between distinct scores. */
    private double best() {
        if (failures < minFailures) {
            return initial;
        }
        long truePositives = 0;
        double bestF1 = -1;
        double bestCut = initial;
        for (int k = 0; k < size; k++) {
            truePositives += sortedFailed[k] ? 1 : 0;
            boolean lastOfTie = k + 1 == size || sortedScores[k + 1] != sortedScores[k];
            double f1 = 2.0 * truePositives / (k + 1 + failures);
            if (lastOfTie && f1 > bestF1) {
                bestF1 = f1;
                bestCut = sortedScores[k];
            }
        }
        return rule == ThresholdSettings.CutRule.BEST_PAST_CUT ? bestCut : bestF1 / 2;
    }
}
