package dev.foresight.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LadderTableTest {

    @Test
    void shouldReportTheMedianRunOfEachRungAndItsRatioToThePassThrough() {
        LadderTable table = new LadderTable();
        table.add(new RunResult("L1", 1000, 1.0, 50_000_000L, 300 * 1024));
        table.add(new RunResult("L1", 1000, 4.0, 50_000_000L, 300 * 1024));
        table.add(new RunResult("L1", 1000, 2.0, 50_000_000L, 300 * 1024));
        table.add(new RunResult("L3", 1000, 4.0, 400_000_000L, 600 * 1024));

        assertEquals(500, table.median("L1", RunResult::recordsPerSecond), 1e-9, "1000/s, 250/s, 500/s");
        assertEquals(400, table.median("L3", RunResult::cpuMicrosPerRecord), 1e-9);
        String markdown = table.markdown();
        assertTrue(markdown.contains("| L1 | 3 | 500 | 1.00 | 50.0 | 300 |"), markdown);
        assertTrue(markdown.contains("| L3 | 1 | 250 | 0.50 | 400.0 | 600 |"), markdown);
    }

    @Test
    void shouldAverageTheMiddlePairOfAnEvenNumberOfRuns() {
        assertEquals(2.5, LadderTable.median(new double[] {1, 2, 3, 4}), 1e-9);
        assertTrue(Double.isNaN(LadderTable.median(new double[0])));
    }
}
