package dev.foresight.domain.synthesis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** Events of a sparse series in a trailing window, and the count it forecasts a lead time ahead. */
public final class EventCount {

    private final Deque<long[]> events = new ArrayDeque<>();
    private long firstMs = -1;

    public void add(long atMs, double count, Duration window) {
        if (firstMs < 0) {
            firstMs = atMs;
        }
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

    /** The count now plus the rate seen so far (over the window, or since the first event) times the lead. */
    public NeedForecast forecast(String metric, long nowMs, Duration window, Duration lead) {
        double seenMs = Math.max(Duration.ofMinutes(1).toMillis(), Math.min(window.toMillis(), nowMs - firstMs));
        double value = count() + count() / seenMs * lead.toMillis();
        double spread = 1.645 * Math.sqrt(Math.max(1, value));
        return new NeedForecast(metric, java.time.Instant.ofEpochMilli(nowMs), lead, value,
                Math.max(0, value - spread), value + spread, "windowed-rate");
    }
}
