package dev.foresight.evaluate.anomaly;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nested leave-one-out over candidate detector settings: each file is scored with the candidate, and at
 * the threshold, that do best on the other files alone (each candidate at its own leave-one-out
 * threshold), so neither the setting nor the threshold has seen the file. The figure to expect on files
 * we do not have when the setting itself was chosen on these.
 *
 * @param normalized the normalized total of the files so scored
 * @param picks      how many files each candidate was chosen for
 */
public record NestedSelection(double normalized, Map<String, Integer> picks) {

    public NestedSelection {
        picks = Map.copyOf(picks);
    }

    /** {@code candidates}: per candidate name, its anomaly scores of every file in {@code series} order. */
    public static NestedSelection of(List<NabSeries> series, NabProfile profile, Map<String, List<double[]>> candidates) {
        List<NabSweep> sweeps = series.stream().map(s -> NabSweep.of(s, profile)).toList();
        Map<String, ThresholdSweep> thresholds = new TreeMap<>();
        candidates.forEach((name, scores) -> thresholds.put(name, new ThresholdSweep(sweeps, scores)));
        Map<String, Integer> picks = new TreeMap<>();
        double total = 0;
        for (int file = 0; file < sweeps.size(); file++) {
            String best = null;
            double bestOthers = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, List<double[]>> candidate : candidates.entrySet()) {
                double threshold = thresholds.get(candidate.getKey()).bestExcluding(file);
                double others = 0;
                for (int other = 0; other < sweeps.size(); other++) {
                    others += other == file ? 0 : sweeps.get(other).score(candidate.getValue().get(other), threshold).score();
                }
                if (others > bestOthers) {
                    bestOthers = others;
                    best = candidate.getKey();
                }
            }
            picks.merge(best, 1, Integer::sum);
            double threshold = thresholds.get(best).bestExcluding(file);
            total += sweeps.get(file).score(candidates.get(best).get(file), threshold).score();
        }
        return new NestedSelection(NabNormalization.of(series, profile).normalize(total), picks);
    }
}
