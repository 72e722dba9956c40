package dev.foresight.evaluate.anomaly;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One NAB data file: its timestamps and values in file order and its labelled anomaly windows as
 * inclusive row ranges.
 */
public record NabSeries(String name, List<LocalDateTime> timestamps, double[] values, List<Window> windows) {

    public NabSeries {
        timestamps = List.copyOf(timestamps);
        windows = List.copyOf(windows);
        if (timestamps.size() != values.length) {
            throw new IllegalArgumentException(name + ": " + timestamps.size() + " timestamps but "
                    + values.length + " values");
        }
    }

    public int size() {
        return values.length;
    }

    /** NAB's probation: the first min(15 % of rows, 750) rows are never scored (nab/sweeper.py). */
    public int probationLength() {
        return (int) Math.min(Math.floor(0.15 * size()), 0.15 * 5000);
    }

    /** An anomaly window from row {@code first} to row {@code last}, both included. */
    public record Window(int first, int last) {

        public Window {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("bad window rows " + first + ".." + last);
            }
        }

        public int width() {
            return last - first + 1;
        }
    }
}
