package dev.foresight.evaluate.anomaly;

/** A file's NAB score at one threshold, with NAB's row counts (probation rows excluded). */
public record NabFileScore(double score, int truePositives, int trueNegatives, int falsePositives,
                           int falseNegatives) {

    public int scoredRows() {
        return truePositives + trueNegatives + falsePositives + falseNegatives;
    }
}
