package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MemoryRulesTest {

    @Test
    void shouldGiveWittsMaxAndMeanPlusTwoStandardDeviations() {
        double[] peaks = {100, 200, 300};

        assertEquals(300, MemoryRules.max(peaks), 1e-9);
        assertEquals(200 + 2 * Math.sqrt(20_000.0 / 3), MemoryRules.meanPlus2Sd(peaks), 1e-9);
        assertEquals(300, MemoryRules.quantile(peaks, 0.95), 1e-9);
        assertEquals(200, MemoryRules.quantile(peaks, 0.5), 1e-9);
        assertEquals(300, MemoryRules.last(peaks), 1e-9);
    }

    @Test
    void shouldChooseTheTovarAllocationThatWastesLeastOverTheHistory() {
        double[] peaks = {100, 100, 100, 100, 1000};
        double[] shortRuns = {1, 1, 1, 1, 1};
        double[] longOutlier = {1, 1, 1, 1, 100};

        assertEquals(100, MemoryRules.tovar(peaks, shortRuns), 1e-9,
                "the rare large peak costs less as a retry than as headroom for every task");
        assertEquals(1000, MemoryRules.tovar(peaks, longOutlier), 1e-9,
                "a long task that fails wastes its whole runtime: better to cover it");
    }
}
