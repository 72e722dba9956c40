package dev.foresight.evaluate.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfusionTest {

    @Test
    void shouldComputePrecisionRecallAndF1FromCounts() {
        Confusion confusion = new Confusion(2, 1, 3, 10);

        assertEquals(2.0 / 3, confusion.precision(), 1e-12);
        assertEquals(0.4, confusion.recall(), 1e-12);
        assertEquals(0.5, confusion.f1(), 1e-12);
    }

    @Test
    void shouldCountEachDecisionInItsCell() {
        Confusion confusion = Confusion.EMPTY
                .add(true, true).add(true, false).add(false, true).add(false, false).add(false, false);

        assertEquals(new Confusion(1, 1, 1, 2), confusion);
    }

    @Test
    void shouldScoreZeroWithoutATruePositive() {
        Confusion confusion = new Confusion(0, 0, 4, 7);

        assertEquals(0, confusion.precision());
        assertEquals(0, confusion.f1());
    }
}
