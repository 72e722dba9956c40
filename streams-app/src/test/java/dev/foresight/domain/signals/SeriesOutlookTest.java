package dev.foresight.domain.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.predict.forecast.ForecastSettings;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeriesOutlookTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final long STEP = 5 * MINUTE;
    private static final ForecastSettings SETTINGS = new ForecastSettings(3, 12, 0.05, 1.28);

    @Test
    void shouldForecastAGaugeFromTheMeanOfEachStepsMinutes() {
        SeriesOutlook outlook = new SeriesOutlook(SeriesMetric.CPU, STEP, SETTINGS);
        for (int minute = 0; minute < 5; minute++) {
            assertTrue(outlook.observe(minute * MINUTE, 0.2 + 0.1 * minute).isEmpty(), "the step is still open");
        }
        Optional<SeriesOutlook.Outlook> closed = outlook.observe(5 * MINUTE, 0.9);

        assertEquals(STEP, closed.orElseThrow().nextStep());
        assertEquals(0.4, closed.get().forecast().values()[0], 1e-9, "the only step seen: its mean");
        assertEquals("SCALING", closed.get().need().orElseThrow().kind());
    }

    @Test
    void shouldCountAnEventSeriesStepsWithoutMinutesAsZero() {
        SeriesOutlook outlook = new SeriesOutlook(SeriesMetric.COMMITS, STEP, SETTINGS);
        for (int step = 0; step < 40; step++) {
            outlook.observe(step * 4 * STEP, 2);
        }
        SeriesOutlook.Outlook latest = outlook.observe(40 * 4 * STEP, 2).orElseThrow();

        double perStep = 2.0 / 4;
        double perDay = latest.need().orElseThrow().value();
        assertEquals(perStep * Duration.ofDays(1).toMillis() / STEP, perDay, perDay * 0.5,
                "two commits every four steps, the empty ones counted as zero");
        assertEquals("RELEASE_CADENCE", latest.need().get().kind());
    }

    @Test
    void shouldContinueTheSameAfterARoundTripThroughBytes() {
        SeriesOutlook outlook = new SeriesOutlook(SeriesMetric.TEST_DURATION, STEP, SETTINGS);
        for (int minute = 0; minute < 50; minute++) {
            outlook.observe(minute * MINUTE, 100 + minute);
        }
        SeriesOutlook restored = SeriesOutlook.fromBytes(SeriesMetric.TEST_DURATION, STEP, SETTINGS, outlook.toBytes());

        double[] original = outlook.observe(50 * MINUTE, 150).orElseThrow().forecast().values();
        double[] copy = restored.observe(50 * MINUTE, 150).orElseThrow().forecast().values();

        assertEquals(original[2], copy[2]);
    }
}
