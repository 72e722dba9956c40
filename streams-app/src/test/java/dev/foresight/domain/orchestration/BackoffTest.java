package dev.foresight.domain.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Backoff EXACT = new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(30), 0, 5);
    private static final Backoff JITTERED = new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(60), 0.2, 5);

    @Test
    void shouldDoubleEachStepUntilTheCap() {
        long[] expected = {2000, 4000, 8000, 16000, 30000, 30000};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            assertEquals(Duration.ofMillis(expected[attempt - 1]), EXACT.delay(attempt, 7), "attempt " + attempt);
        }
    }

    @Test
    void shouldKeepJitterWithinItsShareAndStillGrow() {
        for (long seed = 0; seed < 200; seed++) {
            long previous = 0;
            for (int attempt = 1; attempt <= 5; attempt++) {
                long d = JITTERED.delay(attempt, seed).toMillis();
                double raw = 2000 * Math.pow(2, attempt - 1);
                assertTrue(d >= raw * 0.8 - 1 && d <= raw * 1.2 + 1, "attempt " + attempt + ": " + d);
                assertTrue(d > previous, "seed " + seed + " attempt " + attempt);
                previous = d;
            }
        }
    }

    @Test
    void shouldDrawTheSameJitterForTheSameSeedAndDifferentForOthers() {
        assertEquals(JITTERED.delay(3, 42), JITTERED.delay(3, 42));
        assertTrue(java.util.stream.LongStream.range(0, 20).mapToObj(s -> JITTERED.delay(3, s)).distinct().count() > 10);
    }

    @Test
    void shouldBeExhaustedAfterMaxAttempts() {
        assertFalse(EXACT.exhausted(4));
        assertTrue(EXACT.exhausted(5));
    }

    @Test
    void shouldRefuseJitterThatCouldShrinkTheDelay() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 0.4, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(10), 2, Duration.ofSeconds(1), 0, 3));
    }
}
