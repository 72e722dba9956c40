package dev.foresight.domain.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Quantiles over a count window of recent usages, each resource on its own (the p95 of memory and the
 * p95 of cpu may come from different actions). Exact, by nearest rank: windows are small.
 */
public final class UsageQuantiles {

    private UsageQuantiles() {
    }

    public static Resources quantile(List<Resources> samples, double q) {
        double[] values = new double[5];
        int i = 0;
        for (var resource : Resources.NAMED.values()) {
            values[i++] = quantile(samples.stream().mapToDouble(resource).toArray(), q);
        }
        return new Resources(values[0], values[1], values[2], values[3], values[4]);
    }

    /** Keeps the newest {@code capacity} samples, oldest first. */
    public static <T> List<T> appendBounded(List<T> window, T sample, int capacity) {
        List<T> next = new ArrayList<>(window.subList(Math.max(0, window.size() + 1 - capacity), window.size()));
        next.add(sample);
        return next;
    }

    /** Nearest rank; sorts {@code values} in place. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(q * values.length);
        return values[Math.max(0, rank - 1)];
    }
}
