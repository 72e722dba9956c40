package dev.foresight.producers.sim;

import java.time.Duration;

/** Traffic follows the day: lowest around 04:00 UTC, highest around 16:00 UTC, averaging 1. */
final class DailyLoad {

    private static final double DAY_MS = Duration.ofDays(1).toMillis();
    private static final double PEAK_HOUR = 16;
    private static final double AMPLITUDE = 0.45;

    private DailyLoad() {
    }

    static double factor(long epochMs) {
        double hourOfDay = (epochMs % DAY_MS) / DAY_MS * 24;
        return 1 + AMPLITUDE * Math.cos(2 * Math.PI * (hourOfDay - PEAK_HOUR) / 24);
    }
}
