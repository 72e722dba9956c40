package dev.foresight.evaluate.anomaly;

import java.util.List;

/**
 * NAB's final score over a set of files (nab/runner.py {@code normalize}): 100 · (S − S_null) /
 * (S_perfect − S_null), where the null detector misses every window (−fnWeight each) and the perfect
 * detector finds every window at its first row (+tpWeight each).
 */
public record NabNormalization(double nullScore, double perfectScore) {

    public static NabNormalization of(List<NabSeries> series, NabProfile profile) {
        int windows = series.stream().mapToInt(s -> s.windows().size()).sum();
        return new NabNormalization(-profile.fnWeight() * windows, profile.tpWeight() * windows);
    }

    public double normalize(double rawTotal) {
        return 100 * (rawTotal - nullScore) / (perfectScore - nullScore);
    }
}
