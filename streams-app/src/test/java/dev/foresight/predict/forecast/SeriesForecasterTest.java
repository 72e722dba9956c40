package dev.foresight.predict.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesForecasterTest {

    private static final ForecastSettings DAILY = new ForecastSettings(4, 24, 0.05, 1.28);

    private static double daily(int step) {
        return 100 + 40 * Math.sin(2 * Math.PI * step / 24);
    }

    @Test
    void shouldWeightTheSeasonalModelsForADailyCycleAndForecastItClosely() {
        SeriesForecaster forecaster = new SeriesForecaster(DAILY);
        Random random = new Random(5);
        int steps = 24 * 20;
        for (int step = 0; step < steps; step++) {
            forecaster.observe(daily(step) + random.nextGaussian());
        }

        Forecast forecast = forecaster.forecast();

        assertTrue(!forecast.model().equals("last-value") && !forecast.model().equals("exp-smoothing"),
                forecast.model());
        for (int h = 1; h <= DAILY.horizon(); h++) {
            double expected = daily(steps - 1 + h);
            assertEquals(expected, forecast.values()[h - 1], 5, "step " + h);
            assertTrue(forecast.lower()[h - 1] < expected && expected < forecast.upper()[h - 1], "interval of step " + h);
        }
    }

    @Test
    void shouldForecastADayOfTheWeekPatternThatYesterdayMisleadsOn() {
        SeriesForecaster forecaster = new SeriesForecaster(DAILY);
        int steps = 24 * 7 * 6 + 5;
        for (int step = 0; step < steps; step++) {
            forecaster.observe(DirectRegressionTest.weekly(step));
        }

        Forecast forecast = forecaster.forecast();

        for (int h = 1; h <= DAILY.horizon(); h++) {
            assertEquals(DirectRegressionTest.weekly(steps - 1 + h), forecast.values()[h - 1], 1, "step " + h);
        }
    }

    @Test
    void shouldFollowARandomWalkWithTheLastValueOrSmoothing() {
        SeriesForecaster forecaster = new SeriesForecaster(DAILY);
        Random random = new Random(9);
        double value = 1_000;
        for (int step = 0; step < 600; step++) {
            value += 20 * random.nextGaussian();
            forecaster.observe(value);
        }

        Forecast forecast = forecaster.forecast();

        assertTrue(!forecast.model().startsWith("seasonal") && !forecast.model().startsWith("profile"), forecast.model());
        assertEquals(value, forecast.values()[0], 40);
    }

    @Test
    void shouldForecastTheSameAfterARoundTripThroughBytes() {
        SeriesForecaster forecaster = new SeriesForecaster(DAILY);
        for (int step = 0; step < 100; step++) {
            forecaster.observe(daily(step));
        }
        SeriesForecaster restored = SeriesForecaster.fromBytes(DAILY, forecaster.toBytes());
        forecaster.observe(daily(100));
        restored.observe(daily(100));

        assertArrayEquals(forecaster.forecast().values(), restored.forecast().values());
        assertEquals(forecaster.forecast().recentError(), restored.forecast().recentError());
    }

    @Test
    void shouldStartAfreshFromAStateOfTheFirstVersion() {
        byte[] firstVersion = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 42};

        SeriesForecaster restored = SeriesForecaster.fromBytes(DAILY, firstVersion);

        assertEquals(0, restored.seen());
    }

    @Test
    void shouldRejectANonFiniteValue() {
        assertThrows(IllegalArgumentException.class, () -> new SeriesForecaster(DAILY).observe(Double.NaN));
    }
}
