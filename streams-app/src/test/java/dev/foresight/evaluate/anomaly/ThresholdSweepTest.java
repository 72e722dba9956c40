package dev.foresight.evaluate.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdSweepTest {

    private static final NabProfile STANDARD = new NabProfile(NabProfile.STANDARD, 1.0, 1.0, 0.11);

    private final List<NabSweep> sweeps = new ArrayList<>();
    private final List<double[]> scores = new ArrayList<>();

    ThresholdSweepTest() {
        Random random = new Random(7);
        for (int f = 0; f < 4; f++) {
            int start = 300 + 100 * f;
            sweeps.add(NabSweep.of(NabSweepTest.series(1000, new NabSeries.Window(start, start + 79)), STANDARD));
            double[] s = new double[1000];
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.round(random.nextDouble() * 50) / 50.0 + (i >= start + 20 && i < start + 30 ? 0.5 : 0);
            }
            scores.add(s);
        }
    }

    private double total(double threshold, int excluded) {
        double total = 0;
        for (int f = 0; f < sweeps.size(); f++) {
            total += f == excluded ? 0 : sweeps.get(f).score(scores.get(f), threshold).score();
        }
        return total;
    }

    private double bruteForceBest(int excluded) {
        double best = Double.NEGATIVE_INFINITY;
        double bestThreshold = Double.NaN;
        for (int t = 150; t >= 0; t--) {
            double threshold = t / 100.0;
            double total = total(threshold, excluded);
            if (total > best + 1e-12) {
                best = total;
                bestThreshold = threshold;
            }
        }
        return total(bestThreshold, excluded);
    }

    @Test
    void shouldFindTheThresholdWithTheBestCorpusScore() {
        ThresholdSweep sweep = new ThresholdSweep(sweeps, scores);
        assertEquals(bruteForceBest(-1), total(sweep.best(), -1), 1e-9);
    }

    @Test
    void shouldIgnoreTheLeftOutFileWhenChoosing() {
        ThresholdSweep sweep = new ThresholdSweep(sweeps, scores);
        for (int f = 0; f < sweeps.size(); f++) {
            assertEquals(bruteForceBest(f), total(sweep.bestExcluding(f), f), 1e-9);
        }
    }
}
