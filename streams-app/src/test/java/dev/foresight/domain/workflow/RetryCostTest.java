package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RetryCostTest {

    @Test
    void shouldWasteOnlyTheHeadroomWhenTheFirstAllocationFits() {
        RetryCost cost = RetryCost.of(1500, 1000, 10);

        assertEquals(5000, cost.wastedMbMs(), 1e-9);
        assertEquals(0, cost.failures());
        assertEquals(1500, cost.finalMb(), 1e-9);
    }

    @Test
    void shouldWasteEveryFailedAttemptWholeAndDoubleUntilItFits() {
        RetryCost cost = RetryCost.of(300, 1000, 10);

        assertEquals(2, cost.failures(), "300 and 600 fail, 1200 fits");
        assertEquals(300 * 10 + 600 * 10 + 200 * 10, cost.wastedMbMs(), 1e-9);
        assertEquals(1200, cost.finalMb(), 1e-9);
    }

    @Test
    void shouldNotLoopForeverOnAZeroAllocation() {
        assertEquals(10, RetryCost.of(0, 1000, 1).failures(), "1 MiB doubled ten times reaches 1024");
    }
}
