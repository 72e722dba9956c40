package dev.foresight.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacerTest {

    private final FakeClock clock = new FakeClock();

    @Test
    void shouldWaitEventTimeDividedBySpeedup() {
        Pacer pacer = clock.pacer(new Speedup(60));
        long start = clock.now();

        pacer.awaitEventTime(5_000_000, () -> false);
        pacer.awaitEventTime(5_060_000, () -> false);
        pacer.awaitEventTime(5_120_000, () -> false);

        assertEquals(2_000, clock.now() - start);
    }

    @Test
    void shouldNotWaitWhenWallClockIsAlreadyBehindSchedule() {
        Pacer pacer = clock.pacer(new Speedup(10));
        pacer.awaitEventTime(0, () -> false);
        clock.sleep(5_000); // the sender was slow: 5 s of wall time covers 50 s of event time

        pacer.awaitEventTime(30_000, () -> false);

        assertEquals(5_000, clock.totalSleptMs());
    }

    @Test
    void shouldSleepInShortSlicesSoStopIsNoticed() {
        Pacer pacer = clock.pacer(Speedup.REAL_TIME);
        pacer.awaitEventTime(0, () -> false);

        pacer.awaitEventTime(1_000, () -> false);

        assertTrue(clock.sleeps().stream().allMatch(slice -> slice <= Pacer.MAX_SLEEP_SLICE_MS));
        assertEquals(1_000, clock.totalSleptMs());
    }

    @Test
    void shouldReturnFalseWithoutWaitingOutTheDelayWhenStopped() {
        Pacer pacer = clock.pacer(Speedup.REAL_TIME);
        pacer.awaitEventTime(0, () -> false);

        boolean proceed = pacer.awaitEventTime(3_600_000, () -> clock.totalSleptMs() >= 400);

        assertFalse(proceed);
        assertEquals(400, clock.totalSleptMs());
    }

    @Test
    void shouldNeverSleepAtMaxSpeed() {
        Pacer pacer = clock.pacer(Speedup.MAX);

        pacer.awaitEventTime(0, () -> false);
        pacer.awaitEventTime(86_400_000, () -> false);

        assertEquals(0, clock.totalSleptMs());
    }
}
