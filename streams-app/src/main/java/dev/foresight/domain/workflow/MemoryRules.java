package dev.foresight.domain.workflow;

import java.util.Arrays;

/**
 * The history rules of the published sizing baselines, over the peaks (MiB, oldest first) and runtimes (ms)
 * of an action type's completed actions. Every rule needs at least one completed action.
 */
public final class MemoryRules {

    /** Tovar's search is quadratic in the history; it looks at this many newest actions. */
    public static final int TOVAR_WINDOW = 256;

    private MemoryRules() {
    }

    public static double last(double[] peaks) {
        return peaks[peaks.length - 1];
    }

    /** Nearest-rank quantile. */
    public static double quantile(double[] peaks, double q) {
        double[] sorted = peaks.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Witt et al.'s feedback sizing: the largest peak so far. */
    public static double max(double[] peaks) {
        return Arrays.stream(peaks).max().orElseThrow();
    }

    /** Witt et al.'s feedback sizing with a spread: mean plus two (population) standard deviations. */
    public static double meanPlus2Sd(double[] peaks) {
        double mean = Arrays.stream(peaks).average().orElseThrow();
        double variance = Arrays.stream(peaks).map(p -> (p - mean) * (p - mean)).average().orElseThrow();
        return mean + 2 * Math.sqrt(variance);
    }

    /**
     * Tovar et al.'s first allocation (job sizing for high-throughput workflows, 2018): the observed peak
     * that would have wasted least over the history, each action weighted by its runtime, failures charged
     * as {@link RetryCost} charges them (the retry rule shared by every method here).
     */
    public static double tovar(double[] peaks, double[] runtimesMs) {
        int from = Math.max(0, peaks.length - TOVAR_WINDOW);
        double best = peaks[peaks.length - 1];
        double bestCost = Double.POSITIVE_INFINITY;
        for (int c = from; c < peaks.length; c++) {
            double cost = 0;
            for (int i = from; i < peaks.length && cost < bestCost; i++) {
                cost += RetryCost.of(peaks[c], peaks[i], runtimesMs[i]).wastedMbMs();
            }
            if (cost < bestCost || cost == bestCost && peaks[c] > best) {
                bestCost = cost;
                best = peaks[c];
            }
        }
        return best;
    }
}
