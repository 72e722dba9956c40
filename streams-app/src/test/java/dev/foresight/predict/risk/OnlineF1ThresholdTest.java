package dev.foresight.predict.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.predict.risk.ThresholdSettings.CutRule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnlineF1ThresholdTest {

    private static OnlineF1Threshold bestCut(int window) {
        return new OnlineF1Threshold(new ThresholdSettings(window, 0.5, 1, CutRule.BEST_PAST_CUT));
    }

    @Test
    void shouldKeepTheInitialThresholdUntilAFailureIsSeen() {
        OnlineF1Threshold threshold = bestCut(10);

        threshold.observe(0.9, false);
        threshold.observe(0.1, false);

        assertEquals(0.5, threshold.threshold());
    }

    @Test
    void shouldCutWhereF1WasBestOnThePast() {
        OnlineF1Threshold threshold = bestCut(10);

        threshold.observe(0.9, true);
        threshold.observe(0.8, true);
        threshold.observe(0.3, false);
        threshold.observe(0.2, false);

        assertEquals(0.8, threshold.threshold());
    }

    @Test
    void shouldNeverCutInsideATie() {
        OnlineF1Threshold threshold = bestCut(10);

        // cutting at 0.7 takes both tied scores: F1 = 2·1/(2+1) = 0.67 beats 0.2's 2·1/(3+1) = 0.5
        threshold.observe(0.7, true);
        threshold.observe(0.7, false);
        threshold.observe(0.2, false);

        assertEquals(0.7, threshold.threshold());
    }

    @Test
    void shouldForgetOutcomesOlderThanTheWindow() {
        OnlineF1Threshold threshold = bestCut(2);

        threshold.observe(0.9, true);
        threshold.observe(0.4, false);
        threshold.observe(0.3, false);

        assertEquals(0.5, threshold.threshold());
    }

    @Test
    void shouldKeepTheInitialCutUntilTheWindowHoldsTheMinimumOfFailures() {
        OnlineF1Threshold threshold = new OnlineF1Threshold(new ThresholdSettings(10, 0.4, 2, CutRule.BEST_PAST_CUT));

        threshold.observe(0.9, true);
        threshold.observe(0.1, false);
        assertEquals(0.4, threshold.threshold());

        threshold.observe(0.8, true);
        assertEquals(0.8, threshold.threshold());
    }

    @Test
    void shouldCutAtHalfTheBestPastF1UnderTheHalfRule() {
        OnlineF1Threshold threshold = new OnlineF1Threshold(new ThresholdSettings(10, 0.5, 1, CutRule.HALF_BEST_F1));

        // best past cut 0.3: three alerts holding both failures, F1 = 2·2/(3+2) = 0.8; the cut is half that
        threshold.observe(0.9, false);
        threshold.observe(0.8, true);
        threshold.observe(0.3, true);
        threshold.observe(0.2, false);
        threshold.observe(0.1, false);

        assertEquals(0.4, threshold.threshold(), 1e-12);
    }

    @Test
    void shouldMatchACutRecomputedFromScratchWhileTheWindowSlidesAndAfterEachRestore() throws IOException {
        Random random = new Random(7);
        int window = 25;
        OnlineF1Threshold threshold = bestCut(window);
        double[] scores = new double[400];
        boolean[] failed = new boolean[400];
        for (int i = 0; i < scores.length; i++) {
            // few distinct scores, so ties and removals of equal scores are exercised
            scores[i] = random.nextInt(8) / 8.0;
            failed[i] = random.nextDouble() < scores[i] * 0.6;
            threshold.observe(scores[i], failed[i]);
            if (i % 60 == 59) {
                threshold = restored(threshold, window);
            }
            assertEquals(bruteForceCut(scores, failed, Math.max(0, i + 1 - window), i + 1), threshold.threshold(),
                    "after " + (i + 1) + " outcomes");
        }
    }

    @Test
    void shouldChooseTheSameCutsAfterARestoreAsWithout() throws IOException {
        OnlineF1Threshold original = bestCut(5);
        double[] scores = {0.9, 0.2, 0.7, 0.4, 0.6, 0.8, 0.3};
        for (int i = 0; i < scores.length; i++) {
            original.observe(scores[i], i % 3 == 0);
        }
        OnlineF1Threshold restored = restored(original, 5);

        for (double score : new double[] {0.5, 0.95, 0.1, 0.65}) {
            original.observe(score, score > 0.6);
            restored.observe(score, score > 0.6);
            assertEquals(original.threshold(), restored.threshold());
        }
    }

    private static OnlineF1Threshold restored(OnlineF1Threshold threshold, int window) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        threshold.writeTo(new DataOutputStream(bytes));
        OnlineF1Threshold restored = bestCut(window);
        restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return restored;
    }

    /** Every distinct score of the window tried as a cut; the first (highest) best wins, as documented. */
    private static double bruteForceCut(double[] scores, boolean[] failed, int from, int to) {
        long positives = 0;
        for (int i = from; i < to; i++) {
            positives += failed[i] ? 1 : 0;
        }
        if (positives == 0) {
            return 0.5;
        }
        double bestCut = 0.5;
        double bestF1 = -1;
        for (double cut = 1.0; cut >= 0; cut -= 1 / 8.0) {
            long alerts = 0;
            long hits = 0;
            boolean present = false;
            for (int i = from; i < to; i++) {
                present |= scores[i] == cut;
                alerts += scores[i] >= cut ? 1 : 0;
                hits += scores[i] >= cut && failed[i] ? 1 : 0;
            }
            double f1 = 2.0 * hits / (alerts + positives);
            if (present && f1 > bestF1) {
                bestF1 = f1;
                bestCut = cut;
            }
        }
        return bestCut;
    }
}
