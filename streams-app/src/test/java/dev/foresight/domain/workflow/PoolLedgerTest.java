package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolLedgerTest {

    private final PoolLedger ledger = new PoolLedger(Map.of("p", new PoolCapacity(4, 4096)));

    @Test
    void shouldRefuseWhatNoLongerFits() {
        ledger.hold("p", 3, 1000);
        assertTrue(ledger.refusal("p", 1, 3096).isEmpty(), "exactly the rest fits");
        assertTrue(ledger.refusal("p", 1.01, 100).orElseThrow().contains("has 1.00 of 4.00 cores"));
    }

    @Test
    void shouldRefuseMoreThanThePoolHoldsEvenWhenEmpty() {
        assertTrue(ledger.refusal("p", 5, 1).orElseThrow().contains("more than pool p holds"));
    }

    @Test
    void shouldRefuseAnUnknownPool() {
        assertTrue(ledger.refusal("q", 1, 1).orElseThrow().contains("does not exist"));
    }

    @Test
    void shouldNeverFreeBelowEmpty() {
        ledger.hold("p", 1, 100);
        ledger.free("p", 1.0000001, 100.5);
        assertEquals(4, ledger.freeCpu("p"));
        assertEquals(4096, ledger.freeMemory("p"));
    }
}
