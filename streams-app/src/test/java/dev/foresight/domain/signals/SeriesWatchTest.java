package dev.foresight.domain.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesWatchTest {

    static final DetectorSettings SMALL = new DetectorSettings(50, 5, 100, 3, 30, 40, 50, 0.5, 0.02, 20, 0.4);
    private static final int CLEAR_AFTER = 5;

    private final Random random = new Random(9);

    private SeriesWatch learned() {
        SeriesWatch watch = new SeriesWatch(SMALL, 0.3, CLEAR_AFTER);
        for (int i = 0; i < 200; i++) {
            watch.observe(10 + random.nextGaussian() * 0.1);
        }
        return watch;
    }

    @Test
    void shouldRaiseOnceOnASpike() {
        SeriesWatch watch = learned();
        assertFalse(watch.alerting());
        SeriesWatch.Observation spike = watch.observe(50);
        assertEquals(SeriesWatch.Transition.RAISED, spike.transition());
        assertTrue(spike.alerting());
        assertEquals(SeriesWatch.Transition.NONE, watch.observe(52).transition());
    }

    @Test
    void shouldClearOnlyAfterEnoughCalmValuesInARow() {
        SeriesWatch watch = learned();
        watch.observe(50);
        for (int i = 1; i < CLEAR_AFTER; i++) {
            SeriesWatch.Observation calm = watch.observe(10 + random.nextGaussian() * 0.1);
            assertTrue(calm.alerting(), "still alerting after " + i + " calm values");
        }
        assertEquals(SeriesWatch.Transition.CLEARED, watch.observe(10).transition());
        assertFalse(watch.alerting());
    }

    @Test
    void shouldKeepItsAlertStateThroughBytes() {
        SeriesWatch watch = learned();
        watch.observe(50);
        SeriesWatch restored = SeriesWatch.fromBytes(SMALL, 0.3, CLEAR_AFTER, watch.toBytes());
        assertTrue(restored.alerting());
        for (int i = 1; i < CLEAR_AFTER; i++) {
            restored.observe(10);
        }
        assertEquals(SeriesWatch.Transition.CLEARED, restored.observe(10).transition());
    }
}
