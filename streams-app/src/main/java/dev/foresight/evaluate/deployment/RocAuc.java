package dev.foresight.evaluate.deployment;

import java.util.Arrays;
import java.util.Comparator;

/** Area under the ROC curve from scores and outcomes (Mann-Whitney U, tied scores share their mean rank). */
public final class RocAuc {

    private RocAuc() {
    }

    /** @return NaN when only one class is present, since the area is then undefined */
    public static double of(double[] scores, boolean[] failed) {
        if (scores.length != failed.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + failed.length + " outcomes");
        }
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double meanRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (failed[order[k]]) {
                    positiveRankSum += meanRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
