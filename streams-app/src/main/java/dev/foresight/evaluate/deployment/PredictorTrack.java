package dev.foresight.evaluate.deployment;

import dev.foresight.predict.risk.OnlineF1Threshold;
import java.util.Arrays;

/** One predictor's scores over a replay, and its decisions at a threshold it chose from the past. */
final class PredictorTrack {

    /** Past outcomes a learned threshold looks at. */
    static final int THRESHOLD_WINDOW = 1000;

    private final String name;
    private final OnlineF1Threshold threshold;
    private double[] scores = new double[256];
    private boolean[] failed = new boolean[256];
    private int size;
    private Confusion confusion = Confusion.EMPTY;

    private PredictorTrack(String name, OnlineF1Threshold threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    /** A probability, cut where F1 was best on the recent past (0.5 until a failure was seen). */
    static PredictorTrack scored(String name) {
        return new PredictorTrack(name, new OnlineF1Threshold(THRESHOLD_WINDOW, 0.5));
    }

    /** A yes/no predictor, scoring 1 for "will fail". */
    static PredictorTrack binary(String name) {
        return new PredictorTrack(name, null);
    }

    void record(double score, boolean outcomeFailed) {
        double cut = threshold == null ? 0.5 : threshold.threshold();
        confusion = confusion.add(score >= cut, outcomeFailed);
        if (threshold != null) {
            threshold.observe(score, outcomeFailed);
        }
        if (size == scores.length) {
            scores = Arrays.copyOf(scores, size * 2);
            failed = Arrays.copyOf(failed, size * 2);
        }
        scores[size] = score;
        failed[size++] = outcomeFailed;
    }

    PredictorResult result() {
        return new PredictorResult(name, RocAuc.of(Arrays.copyOf(scores, size), Arrays.copyOf(failed, size)),
                confusion);
    }
}
