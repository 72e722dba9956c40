package dev.foresight.evaluate.deployment;

import java.util.Arrays;

/** One predictor's scores over a replay, and the alerts it decided at each build's start. */
final class PredictorTrack {

    private final String name;
    private final String rule;
    private double[] scores = new double[256];
    private boolean[] failed = new boolean[256];
    private int size;
    private Confusion confusion = Confusion.EMPTY;

    /** @param rule how the predictor decides to alert, for the report */
    PredictorTrack(String name, String rule) {
        this.name = name;
        this.rule = rule;
    }

    void record(double score, boolean alert, boolean outcomeFailed) {
        confusion = confusion.add(alert, outcomeFailed);
        if (size == scores.length) {
            scores = Arrays.copyOf(scores, size * 2);
            failed = Arrays.copyOf(failed, size * 2);
        }
        scores[size] = score;
        failed[size++] = outcomeFailed;
    }

    PredictorResult result() {
        return new PredictorResult(name, rule, RocAuc.of(Arrays.copyOf(scores, size), Arrays.copyOf(failed, size)),
                confusion);
    }
}
