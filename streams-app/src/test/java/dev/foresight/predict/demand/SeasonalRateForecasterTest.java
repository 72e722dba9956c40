package dev.foresight.predict.demand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalRateForecasterTest {

    private static final long HOUR = 3_600_000L;
    private final SeasonalSettings settings = SeasonalSettings.of(Duration.ofHours(1), Duration.ofHours(3));

    /** 100 at night (hours 0-11), 300 by day, with noise. */
    private static double rate(long hour, Random random) {
        return (hour % 24 < 12 ? 100 : 300) + random.nextGaussian() * 10;
    }

    @Test
    void shouldLearnTheDailyShapeAndForecastTheComingHours() {
        SeasonalRateForecaster forecaster = new SeasonalRateForecaster(settings);
        Random random = new Random(7);
        long hour = 0;
        for (; hour < 24 * 14; hour++) {
            forecaster.observe(hour * HOUR, rate(hour, random));
        }
        // the next three hours after 14 days x 24 h are hours 1-3 of the night
        RateForecast night = forecaster.forecast((hour - 1) * HOUR);
        assertEquals(100, night.mean(), 15);
        for (; hour < 24 * 14 + 12; hour++) {
            forecaster.observe(hour * HOUR, rate(hour, random));
        }
        RateForecast day = forecaster.forecast((hour - 1) * HOUR);
        assertEquals(300, day.mean(), 30);
    }

    @Test
    void shouldCoverMostRealisedMeansWithItsInterval() {
        SeasonalRateForecaster forecaster = new SeasonalRateForecaster(settings);
        Random random = new Random(11);
        int covered = 0;
        int scored = 0;
        double[] series = new double[24 * 40];
        for (int h = 0; h < series.length; h++) {
            series[h] = rate(h, random);
        }
        for (int h = 0; h + 3 < series.length; h++) {
            forecaster.observe(h * HOUR, series[h]);
            if (h >= 24 * 7) {
                RateForecast f = forecaster.forecast(h * HOUR);
                double realised = (series[h + 1] + series[h + 2] + series[h + 3]) / 3;
                covered += realised >= f.lower() && realised <= f.upper() ? 1 : 0;
                scored++;
            }
        }
        double coverage = (double) covered / scored;
        assertTrue(coverage > 0.8 && coverage < 0.99, "coverage " + coverage);
    }

    @Test
    void shouldResumeExactlyFromItsCheckpoint() {
        SeasonalRateForecaster forecaster = new SeasonalRateForecaster(settings);
        Random random = new Random(3);
        for (long h = 0; h < 100; h++) {
            forecaster.observe(h * HOUR, rate(h, random));
        }
        RateForecaster restored = SeasonalRateForecaster.factory(settings).restore(forecaster.checkpoint());
        assertEquals(forecaster.forecast(100 * HOUR), restored.forecast(100 * HOUR));
        assertArrayEquals(forecaster.checkpoint(), restored.checkpoint());
    }

    @Test
    void shouldGiveAWideIntervalBeforeAnyForecastHasResolved() {
        SeasonalRateForecaster forecaster = new SeasonalRateForecaster(settings);
        forecaster.observe(0, 50);
        assertEquals(new RateForecast(50, 0, 101), forecaster.forecast(0));
    }

    @Test
    void shouldRejectAnUnreadableCheckpoint() {
        assertThrows(IllegalArgumentException.class,
                () -> SeasonalRateForecaster.factory(settings).restore(new byte[] {0, 0, 0, 9}));
    }
}
