package dev.foresight.domain.synthesis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** Events of a sparse series in a trailing window, and the count it forecasts a lead time ahead. */
public final class EventCount {

    private final Deque<long[]> events = new ArrayDeque<>();

    public void add(long atMs, double count, Duration window) {
        events.addLast(new long[] {atMs, Math.round(count)});
        expire(atMs, window);
    }

    public void expire(long nowMs, Duration window) {
        while (!events.isEmpty() && events.peekFirst()[0] <= nowMs - window.toMillis()) {
            events.removeFirst();
        }
    }

    public double count() {
        return events.stream().mapToLong(e -> e[1]).sum();
    }

    /**
     * The count now plus the window's rate times the lead. The rate is over the whole window even before a
     * window has passed: a first event divided by the minute since it would forecast hundreds.
     */
    public NeedForecast forecast(String metric, long nowMs, Duration window, Duration lead) {
        double value = count() + count() / window.toMillis() * lead.toMillis();
        double spread = 1.645 * Math.sqrt(Math.max(1, value));
        return new NeedForecast(metric, java.time.Instant.ofEpochMilli(nowMs), lead, value,
                Math.max(0, value - spread), value + spread, "windowed-rate");
    }
}
