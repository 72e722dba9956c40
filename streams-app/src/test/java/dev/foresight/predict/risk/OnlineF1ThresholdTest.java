package dev.foresight.predict.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OnlineF1ThresholdTest {

    @Test
    void shouldKeepTheInitialThresholdUntilAFailureIsSeen() {
        OnlineF1Threshold threshold = new OnlineF1Threshold(10, 0.5);

        threshold.observe(0.9, false);
        threshold.observe(0.1, false);

        assertEquals(0.5, threshold.threshold());
    }

    @Test
    void shouldCutWhereF1WasBestOnThePast() {
        OnlineF1Threshold threshold = new OnlineF1Threshold(10, 0.5);

        threshold.observe(0.9, true);
        threshold.observe(0.8, true);
        threshold.observe(0.3, false);
        threshold.observe(0.2, false);

        assertEquals(0.8, threshold.threshold());
    }

    @Test
    void shouldNeverCutInsideATie() {
        OnlineF1Threshold threshold = new OnlineF1Threshold(10, 0.5);

        // cutting at 0.7 takes both tied scores: F1 = 2·1/(2+1) = 0.67 beats 0.2's 2·1/(3+1) = 0.5
        threshold.observe(0.7, true);
        threshold.observe(0.7, false);
        threshold.observe(0.2, false);

        assertEquals(0.7, threshold.threshold());
    }

    @Test
    void shouldForgetOutcomesOlderThanTheWindow() {
        OnlineF1Threshold threshold = new OnlineF1Threshold(2, 0.5);

        threshold.observe(0.9, true);
        threshold.observe(0.4, false);
        threshold.observe(0.3, false);

        assertEquals(0.5, threshold.threshold());
    }
}
