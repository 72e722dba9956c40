package dev.foresight.producers;

import java.util.Locale;

/**
 * How much faster than real time events are sent: simulated (or recorded) time passes {@code factor}
 * times faster than wall-clock time. {@link #MAX} sends as fast as possible.
 */
public record Speedup(double factor) {

    public static final Speedup MAX = new Speedup(Double.POSITIVE_INFINITY);
    public static final Speedup REAL_TIME = new Speedup(1);

    public Speedup {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed-up must be positive, was " + factor);
        }
    }

    /** Parses {@code max}, {@code 60} or {@code 60x}. */
    public static Speedup parse(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("max")) {
            return MAX;
        }
        String number = normalized.endsWith("x") ? normalized.substring(0, normalized.length() - 1) : normalized;
        try {
            return new Speedup(Double.parseDouble(number));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed-up must be 'max' or a positive number, was '" + text + "'", e);
        }
    }

    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    /** Wall-clock milliseconds that correspond to {@code eventMillis} of event time. */
    public long realMillisFor(long eventMillis) {
        return isMax() ? 0 : Math.round(eventMillis / factor);
    }

    @Override
    public String toString() {
        return isMax() ? "max" : factor + "x";
    }
}
