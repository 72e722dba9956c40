package dev.foresight.evaluate.anomaly;

import java.util.Arrays;
import java.util.List;

/**
 * Finds the single threshold that maximizes the summed NAB score over a set of files, as NAB's
 * optimizer does, but exhaustively: every distinct anomaly score is tried. Rows of all files are
 * visited once from the highest anomaly score down, keeping each window's best detection, so the
 * corpus score at every candidate threshold is known after one pass.
 */
public final class ThresholdSweep {

    private final List<NabSweep> sweeps;
    private final List<double[]> scores;
    private final int[] fileOf;
    private final int[] rowOf;

    /** {@code scores.get(f)} are the detector's anomaly scores for the rows of {@code sweeps.get(f)}. */
    public ThresholdSweep(List<NabSweep> sweeps, List<double[]> scores) {
        this.sweeps = List.copyOf(sweeps);
        this.scores = List.copyOf(scores);
        int total = 0;
        for (NabSweep sweep : sweeps) {
            total += sweep.rows();
        }
        long[] order = new long[total];
        double[] flat = new double[total];
        int k = 0;
        for (int f = 0; f < sweeps.size(); f++) {
            for (int r = 0; r < sweeps.get(f).rows(); r++) {
                flat[k] = scores.get(f)[r];
                order[k] = ((long) f << 32) | r;
                k++;
            }
        }
        Integer[] byScore = new Integer[total];
        for (int i = 0; i < total; i++) {
            byScore[i] = i;
        }
        Arrays.sort(byScore, (a, b) -> Double.compare(flat[b], flat[a]));
        fileOf = new int[total];
        rowOf = new int[total];
        for (int i = 0; i < total; i++) {
            fileOf[i] = (int) (order[byScore[i]] >>> 32);
            rowOf[i] = (int) order[byScore[i]];
        }
    }

    /** The best threshold over all files. */
    public double best() {
        return bestExcluding(-1);
    }

    /** The best threshold over every file but {@code excluded} (a leave-one-out choice). */
    public double bestExcluding(int excluded) {
        double[][] best = new double[sweeps.size()][];
        double total = 0;
        for (int f = 0; f < sweeps.size(); f++) {
            best[f] = new double[sweeps.get(f).windowCount()];
            Arrays.fill(best[f], Double.NaN);
            if (f != excluded) {
                total -= missedCost(sweeps.get(f));
            }
        }
        double bestTotal = total;
        double bestThreshold = Double.POSITIVE_INFINITY;
        int i = 0;
        while (i < fileOf.length) {
            double threshold = scoreAt(i);
            while (i < fileOf.length && scoreAt(i) == threshold) {
                total += gain(fileOf[i], rowOf[i], excluded, best);
                i++;
            }
            if (total > bestTotal) {
                bestTotal = total;
                bestThreshold = threshold;
            }
        }
        return bestThreshold;
    }

    private double scoreAt(int i) {
        return scores.get(fileOf[i])[rowOf[i]];
    }

    private double gain(int file, int row, int excluded, double[][] best) {
        NabSweep sweep = sweeps.get(file);
        int window = sweep.windowOf(row);
        if (file == excluded || window == NabSweep.PROBATION) {
            return 0;
        }
        double weight = sweep.weight(row);
        if (window == NabSweep.NO_WINDOW) {
            return weight;
        }
        double previous = best[file][window];
        if (Double.isNaN(previous)) {
            best[file][window] = weight;
            return weight + sweep.profile().fnWeight();
        }
        best[file][window] = Math.max(previous, weight);
        return Math.max(0, weight - previous);
    }

    private static double missedCost(NabSweep sweep) {
        double cost = 0;
        for (int w = 0; w < sweep.windowCount(); w++) {
            cost += sweep.isScored(w) ? sweep.profile().fnWeight() : 0;
        }
        return cost;
    }
}
