package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.state.PredictionError;
import org.junit.jupiter.api.Test;

class DeviationsTest {

    @Test
    void shouldReportTheWorstResourceWithItsSign() {
        PredictionError error = Deviations.of(new Resources(2, 1000, 10, 1, 100), new Resources(1, 1100, 10, 1, 100));
        assertEquals("cpuCores", error.getWorstResource());
        assertEquals(-0.5, error.getWorst(), 1e-9, "used half of what was expected");
        assertEquals(100.0 / 1100, error.getMemoryMb(), 1e-9);
    }

    @Test
    void shouldBeBoundedWhenNothingWasExpected() {
        assertEquals(1.0, Deviations.relative(0, 5));
        assertEquals(0.0, Deviations.relative(0, 0));
    }
}
