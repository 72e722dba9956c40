package dev.foresight.domain.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Availability as the share of passed checks over two rolling windows: the last hour in minute buckets
 * and the last day in hour buckets, so the state stays at most 60 + 24 buckets per service.
 */
public record SlaWindows(List<Bucket> minutes, List<Bucket> hours) {

    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofDays(1);
    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = HOUR.toMillis();

    /** Checks that passed ({@code up}) and all checks ({@code total}) in the bucket starting at {@code startMs}. */
    public record Bucket(long startMs, int up, int total) {
    }

    public SlaWindows {
        minutes = List.copyOf(minutes);
        hours = List.copyOf(hours);
    }

    public static SlaWindows empty() {
        return new SlaWindows(List.of(), List.of());
    }

    public SlaWindows record(Instant at, boolean up) {
        long ms = at.toEpochMilli();
        return new SlaWindows(add(minutes, ms, MINUTE_MS, HOUR_MS, up), add(hours, ms, HOUR_MS, DAY.toMillis(), up));
    }

    /** Share of passed checks over the hour or the day up to {@code now}; 1 when nothing was checked. */
    public double availability(Duration window, Instant now) {
        List<Bucket> buckets = window.compareTo(HOUR) <= 0 ? minutes : hours;
        long from = now.toEpochMilli() - window.toMillis();
        int up = 0;
        int total = 0;
        for (Bucket b : buckets) {
            if (b.startMs() > from - bucketLength(window)) {
                up += b.up();
                total += b.total();
            }
        }
        return total == 0 ? 1.0 : (double) up / total;
    }

    private static long bucketLength(Duration window) {
        return window.compareTo(HOUR) <= 0 ? MINUTE_MS : HOUR_MS;
    }

    private static List<Bucket> add(List<Bucket> buckets, long ms, long length, long keep, boolean up) {
        long start = ms - Math.floorMod(ms, length);
        List<Bucket> next = new ArrayList<>();
        boolean added = false;
        for (Bucket b : buckets) {
            if (b.startMs() <= start - keep) {
                continue;
            }
            if (b.startMs() == start) {
                next.add(new Bucket(start, b.up() + (up ? 1 : 0), b.total() + 1));
                added = true;
            } else {
                next.add(b);
            }
        }
        if (!added) {
            next.add(new Bucket(start, up ? 1 : 0, 1));
            next.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
        }
        return next;
    }
}
