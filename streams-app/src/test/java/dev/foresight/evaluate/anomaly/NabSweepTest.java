package dev.foresight.evaluate.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabSweepTest {

    private static final NabProfile STANDARD = new NabProfile(NabProfile.STANDARD, 1.0, 1.0, 0.11);
    private static final NabProfile LOW_FN = new NabProfile(NabProfile.LOW_FN, 1.0, 2.0, 0.11);

    /** 1000 rows: probation is the first 150; one window over rows 400..499. */
    static NabSeries series(int rows, NabSeries.Window... windows) {
        List<LocalDateTime> times = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
        for (int i = 0; i < rows; i++) {
            times.add(start.plusMinutes(5L * i));
        }
        return new NabSeries("test/series.csv", times, new double[rows], List.of(windows));
    }

    private static double[] detectionsAt(int rows, int... at) {
        double[] scores = new double[rows];
        for (int i : at) {
            scores[i] = 1.0;
        }
        return scores;
    }

    @Test
    void shouldGiveFullTrueWeightToDetectionOnFirstRowOfWindow() {
        NabSweep sweep = NabSweep.of(series(1000, new NabSeries.Window(400, 499)), STANDARD);
        assertEquals(1.0, sweep.score(detectionsAt(1000, 400), 0.5).score(), 1e-12);
    }

    @Test
    void shouldGiveScaledSigmoidOfPositionToLaterDetection() {
        NabSweep sweep = NabSweep.of(series(1000, new NabSeries.Window(400, 499)), STANDARD);
        double halfway = (2 / (1 + Math.exp(-2.5)) - 1) / (2 / (1 + Math.exp(-5)) - 1);
        assertEquals(halfway, sweep.score(detectionsAt(1000, 450), 0.5).score(), 1e-12);
    }

    @Test
    void shouldCountOnlyTheEarliestDetectionInAWindow() {
        NabSweep sweep = NabSweep.of(series(1000, new NabSeries.Window(400, 499)), STANDARD);
        NabFileScore once = sweep.score(detectionsAt(1000, 420), 0.5);
        NabFileScore thrice = sweep.score(detectionsAt(1000, 420, 450, 499), 0.5);
        assertEquals(once.score(), thrice.score(), 1e-12);
        assertEquals(3, thrice.truePositives());
    }

    @Test
    void shouldCostFalseNegativeWeightPerMissedWindow() {
        NabSeries twoWindows = series(1000, new NabSeries.Window(300, 349), new NabSeries.Window(700, 749));
        assertEquals(-2.0, NabSweep.of(twoWindows, STANDARD).score(new double[1000], 0.5).score(), 1e-12);
        assertEquals(-4.0, NabSweep.of(twoWindows, LOW_FN).score(new double[1000], 0.5).score(), 1e-12);
    }

    @Test
    void shouldCostFullFalsePositiveWeightBeforeTheFirstWindow() {
        NabSweep sweep = NabSweep.of(series(1000, new NabSeries.Window(400, 499)), STANDARD);
        assertEquals(-1.0 - 0.11, sweep.score(detectionsAt(1000, 200), 0.5).score(), 1e-12);
    }

    @Test
    void shouldCostLessForFalsePositiveJustAfterAWindow() {
        NabSweep sweep = NabSweep.of(series(1000, new NabSeries.Window(400, 499)), STANDARD);
        double justAfter = 0.11 * (2 / (1 + Math.exp(5.0 / 99)) - 1);
        assertEquals(-1.0 + justAfter, sweep.score(detectionsAt(1000, 500), 0.5).score(), 1e-12);
    }

    @Test
    void shouldNotScoreDetectionsDuringProbation() {
        NabSweep sweep = NabSweep.of(series(1000, new NabSeries.Window(400, 499)), STANDARD);
        NabFileScore score = sweep.score(detectionsAt(1000, 10, 149), 0.5);
        assertEquals(-1.0, score.score(), 1e-12);
        assertEquals(850, score.scoredRows());
    }

    @Test
    void shouldCapProbationAt750Rows() {
        assertEquals(750, series(10_000).probationLength());
        assertEquals(150, series(1000).probationLength());
    }
}
