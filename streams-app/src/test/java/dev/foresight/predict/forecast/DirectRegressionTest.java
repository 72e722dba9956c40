package dev.foresight.predict.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DirectRegressionTest {

    private static final int PERIOD = 24;

    @Test
    void shouldRecoverTheNextValueOfAnAutoregressiveProcessOfOrderTwo() {
        DirectRegression regression = new DirectRegression(1, PERIOD);
        Random random = new Random(3);
        double level = 1_000;
        double noise = 5;
        double before = level;
        double last = level;
        double regressionMiss = 0;
        double lastValueMiss = 0;
        int scored = 0;
        for (int step = 0; step < 4_000; step++) {
            double expected = level + 0.5 * (last - level) + 0.3 * (before - level);
            double value = expected + noise * random.nextGaussian();
            if (step >= 3_000) {
                regressionMiss += Math.abs(regression.forecast(1) - expected);
                lastValueMiss += Math.abs(last - expected);
                scored++;
            }
            regression.observe(value);
            before = last;
            last = value;
        }

        assertTrue(regressionMiss / scored < 0.2 * noise,
                "the fitted AR(2) forecast is within a fifth of the noise of the true next mean: " + regressionMiss / scored);
        assertTrue(regressionMiss < 0.4 * lastValueMiss, "the last value is not: " + lastValueMiss / scored);
    }

    /** Twelve steps ahead is half a cycle: only the seasonal lags and the profile know it. */
    @Test
    void shouldForecastADailyCycleFarAheadThroughItsSeasonalTerms() {
        int horizon = 12;
        DirectRegression regression = new DirectRegression(horizon, PERIOD);
        Random random = new Random(8);
        int steps = PERIOD * 30;
        for (int step = 0; step < steps; step++) {
            regression.observe(daily(step) + random.nextGaussian());
        }

        for (int h = 1; h <= horizon; h++) {
            assertEquals(daily(steps - 1 + h), regression.forecast(h), 5, "step " + h);
        }
    }

    @Test
    void shouldForecastTheDayOfTheWeekWithTheWeeklyTerms() {
        DirectRegression regression = new DirectRegression(4, PERIOD);
        int steps = PERIOD * 7 * 12 + 5;
        for (int step = 0; step < steps; step++) {
            regression.observe(weekly(step));
        }

        for (int h = 1; h <= 4; h++) {
            assertEquals(weekly(steps - 1 + h), regression.weekly(h), 1e-9, "weekly naive, step " + h);
            assertEquals(weekly(steps - 1 + h), regression.forecast(h), 8, "regression, step " + h);
            assertTrue(Math.abs(weekly(steps - 1 + h - PERIOD) - weekly(steps - 1 + h)) > 30, "yesterday misleads");
        }
    }

    @Test
    void shouldForecastTheLastValueWhenAbsurdRatiosOverflowTheFit() {
        DirectRegression regression = new DirectRegression(2, PERIOD);
        for (double value : new double[] {100, 1e-300, 1e300, 1e-300, 5}) {
            regression.observe(value);
        }

        assertEquals(5, regression.forecast(1));
        assertEquals(5, regression.forecast(2));
    }

    private static double daily(int step) {
        return 200 + 80 * Math.sin(2 * Math.PI * step / PERIOD);
    }

    /** A daily cycle whose height depends on the day of the week: yesterday is a poor guide on day changes. */
    static double weekly(int step) {
        int day = step / PERIOD % 7;
        return 300 + (20 + 15 * day) * Math.sin(2 * Math.PI * step / PERIOD);
    }
}
