package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsageQuantilesTest {

    @Test
    void shouldTakeEachResourcesQuantileOnItsOwn() {
        List<Resources> samples = List.of(new Resources(4, 100, 0, 0, 0), new Resources(1, 900, 0, 0, 0),
                new Resources(2, 500, 0, 0, 0));
        Resources max = UsageQuantiles.quantile(samples, 1.0);
        assertEquals(4, max.cpuCores());
        assertEquals(900, max.memoryMb());
        assertEquals(500, UsageQuantiles.quantile(samples, 0.5).memoryMb());
    }

    @Test
    void shouldTakeTheNearestRankQuantileOfPlainValues() {
        assertEquals(0.3, UsageQuantiles.quantile(new double[] {0.3, 0.1, 0.2}, 0.95));
        assertEquals(0.2, UsageQuantiles.quantile(new double[] {0.3, 0.1, 0.2}, 0.5));
    }

    @Test
    void shouldKeepOnlyTheNewestSamplesOfABoundedWindow() {
        assertEquals(List.of(3, 4, 5), UsageQuantiles.appendBounded(List.of(1, 2, 3, 4), 5, 3));
        assertEquals(List.of(1, 2), UsageQuantiles.appendBounded(List.of(1), 2, 3));
    }
}
