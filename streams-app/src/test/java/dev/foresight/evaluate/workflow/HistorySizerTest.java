package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistorySizerTest {

    private static final double UNREQUESTED = 1024;

    @Test
    void shouldAskForTheRequestUntilTheTypeHasCompleted() {
        MemorySizer sizer = HistorySizer.wittMax(UNREQUESTED);
        learn(sizer, "SORT", 100);

        assertEquals(4096, sizer.allocateMb(task("ALIGN", 0), List.of()));
        assertEquals(100, sizer.allocateMb(task("SORT", 0), List.of()));
    }

    @Test
    void shouldAlwaysAskForTheRequestAsTheRequestedBaseline() {
        MemorySizer sizer = HistorySizer.requested(UNREQUESTED);
        learn(sizer, "SORT", 100);

        assertEquals(4096, sizer.allocateMb(task("SORT", 0), List.of()));
    }

    @Test
    void shouldAskForThePlatformDefaultForATaskThatRequestedNothing() {
        MemorySizer sizer = HistorySizer.wittMax(UNREQUESTED);

        assertEquals(UNREQUESTED, sizer.allocateMb(new TraceTask("SORT", Double.NaN, 10, 1, 1000, 0, 0, 1000), List.of()));
    }

    @Test
    void shouldSizeFromThePeaksOfTheTypeByEachRule() {
        List<MemorySizer> sizers = List.of(HistorySizer.lastValue(UNREQUESTED), HistorySizer.runningP95(UNREQUESTED),
                HistorySizer.wittMax(UNREQUESTED), HistorySizer.wittMeanPlus2Sd(UNREQUESTED));
        for (MemorySizer sizer : sizers) {
            for (int peak = 1; peak <= 20; peak++) {
                learn(sizer, "SORT", peak * 10);
            }
            learn(sizer, "SORT", 50);
        }
        double mean = (2100 + 50) / 21.0;
        double variance = 0;
        for (int peak = 1; peak <= 20; peak++) {
            variance += (peak * 10 - mean) * (peak * 10 - mean);
        }
        variance = (variance + (50 - mean) * (50 - mean)) / 21;

        assertEquals(50, sizers.get(0).allocateMb(task("SORT", 0), List.of()));
        assertEquals(190, sizers.get(1).allocateMb(task("SORT", 0), List.of()), "nearest rank 20 of 21");
        assertEquals(200, sizers.get(2).allocateMb(task("SORT", 0), List.of()));
        assertEquals(mean + 2 * Math.sqrt(variance), sizers.get(3).allocateMb(task("SORT", 0), List.of()), 1e-9);
    }

    private static void learn(MemorySizer sizer, String type, double peakMb) {
        sizer.learn(task(type, peakMb), List.of());
    }

    private static TraceTask task(String type, double peakMb) {
        return new TraceTask(type, 4096, peakMb, 1, 1000, 0, 0, 1000);
    }
}
