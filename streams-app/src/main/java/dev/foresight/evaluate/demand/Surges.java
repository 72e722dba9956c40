package dev.foresight.evaluate.demand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a series surges, decided without the detector. With labelled windows: each window whose
 * highest value exceeds {@value #RISE} times the median of the {@code before} steps ahead of it (so
 * labelled drops are left out), peaking at that value. Without labels: the local maxima of the
 * {@code smooth}-step moving mean that exceed {@value #RISE} times its median over the series, at
 * least {@code before} steps apart.
 *
 * @param spans per surge {@code {first step at which a flag counts, step of the peak}}
 */
record Surges(List<int[]> spans) {

    static final double RISE = 1.5;

    static Surges of(RateSeries series, int smooth, int before) {
        return series.windows().isEmpty() ? unlabelled(series.values(), smooth, before) : labelled(series, before);
    }

    private static Surges labelled(RateSeries series, int before) {
        List<int[]> spans = new ArrayList<>();
        double[] v = series.values();
        for (long[] window : series.windows()) {
            int start = (int) Math.max(0, (window[0] - series.startMs()) / series.stepMs());
            int end = (int) Math.min(v.length - 1, (window[1] - series.startMs()) / series.stepMs());
            if (start < before || end <= start) {
                continue;
            }
            int peak = start;
            for (int t = start; t <= end; t++) {
                peak = v[t] > v[peak] ? t : peak;
            }
            if (v[peak] > RISE * median(Arrays.copyOfRange(v, start - before, start))) {
                spans.add(new int[] {start, peak});
            }
        }
        return new Surges(spans);
    }

    private static Surges unlabelled(double[] v, int smooth, int before) {
        double[] mean = new double[v.length];
        double sum = 0;
        for (int t = 0; t < v.length; t++) {
            sum += v[t] - (t >= smooth ? v[t - smooth] : 0);
            mean[t] = sum / Math.min(t + 1, smooth);
        }
        double threshold = RISE * median(Arrays.copyOfRange(mean, smooth, mean.length));
        List<int[]> spans = new ArrayList<>();
        int lastPeak = Integer.MIN_VALUE;
        for (int t = before; t < v.length; t++) {
            if (mean[t] > threshold && isLocalMax(mean, t, before) && t - lastPeak >= before) {
                spans.add(new int[] {t - before, t});
                lastPeak = t;
            }
        }
        return new Surges(spans);
    }

    private static boolean isLocalMax(double[] v, int t, int radius) {
        for (int i = Math.max(0, t - radius); i <= Math.min(v.length - 1, t + radius); i++) {
            if (v[i] > v[t]) {
                return false;
            }
        }
        return true;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
