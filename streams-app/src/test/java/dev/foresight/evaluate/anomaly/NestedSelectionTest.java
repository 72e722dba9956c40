package dev.foresight.evaluate.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NestedSelectionTest {

    private static final NabProfile STANDARD = new NabProfile(NabProfile.STANDARD, 1.0, 1.0, 0.11);
    private static final int ROWS = 1000;

    private final List<NabSeries> series = new ArrayList<>();

    NestedSelectionTest() {
        for (int f = 0; f < 4; f++) {
            series.add(NabSweepTest.series(ROWS, new NabSeries.Window(300 + 100 * f, 379 + 100 * f)));
        }
    }

    /** Scores 1 at the first row of the window of each file in {@code found}, 0 everywhere else. */
    private List<double[]> finding(int... found) {
        List<double[]> scores = new ArrayList<>();
        for (NabSeries s : series) {
            scores.add(new double[ROWS]);
        }
        for (int f : found) {
            scores.get(f)[series.get(f).windows().get(0).first()] = 1;
        }
        return scores;
    }

    @Test
    void shouldChooseTheSettingThatFindsEveryWindow() {
        Map<String, List<double[]>> candidates = new LinkedHashMap<>();
        candidates.put("silent", finding());
        candidates.put("all", finding(0, 1, 2, 3));
        NestedSelection nested = NestedSelection.of(series, STANDARD, candidates);
        assertEquals(100.0, nested.normalized(), 1e-9);
        assertEquals(Map.of("all", 4), nested.picks());
    }

    @Test
    void shouldNotLetAFileChooseTheSettingThatSuitsOnlyItself() {
        Map<String, List<double[]>> candidates = new LinkedHashMap<>();
        candidates.put("others", finding(1, 2, 3));
        candidates.put("first", finding(0));
        NestedSelection nested = NestedSelection.of(series, STANDARD, candidates);
        // file 0 is scored with "others" (best on files 1-3) and misses: 3 found, 1 missed of 4 windows
        assertEquals(100.0 * (3 - 1 + 4) / 8, nested.normalized(), 1e-9);
        assertEquals(Map.of("others", 4), nested.picks());
    }
}
