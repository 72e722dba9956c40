package dev.foresight.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeedupTest {

    @Test
    void shouldParseMaxAsNoWaiting() {
        Speedup max = Speedup.parse(" MAX ");

        assertTrue(max.isMax());
        assertEquals(0, max.realMillisFor(3_600_000));
    }

    @Test
    void shouldDivideEventTimeByTheFactor() {
        assertEquals(60_000, Speedup.parse("60").realMillisFor(3_600_000));
        assertEquals(1_000, Speedup.parse("60x").realMillisFor(60_000));
        assertEquals(2_000, Speedup.parse("0.5").realMillisFor(1_000));
    }

    @Test
    void shouldRejectNonPositiveOrGarbledFactors() {
        assertThrows(IllegalArgumentException.class, () -> Speedup.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Speedup.parse("-2"));
        assertThrows(IllegalArgumentException.class, () -> Speedup.parse("fast"));
        assertThrows(IllegalArgumentException.class, () -> Speedup.parse("NaN"));
    }
}
