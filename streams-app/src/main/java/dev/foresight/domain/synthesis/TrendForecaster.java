package dev.foresight.domain.synthesis;

import java.time.Duration;
import java.time.Instant;

/**
 * Holt's linear trend on a series expressed as a ratio to its own slow baseline: a level and a
 * per-minute trend, smoothed, with the one-step error's spread for the interval. Chosen for a ramp:
 * it extrapolates a rising load straight ahead, is two numbers of state, and needs no training.
 * A ratio, not the raw value, so one need level fits services of any size.
 */
public final class TrendForecaster {

    static final String MODEL = "holt-ratio";
    private static final double LEVEL_ALPHA = 0.3;
    private static final double TREND_BETA = 0.1;
    private static final double ERROR_ALPHA = 0.05;
    /** About six hours of minutes: slow enough that a half-hour ramp barely moves it. */
    private static final double BASELINE_ALPHA = 1.0 / 360;
    private static final double Z_90 = 1.645;

    private double baseline;
    private double level;
    private double trend;
    private double errorVariance;
    private long lastMs;
    private long observations;

    /** Observes one closed minute; {@code at} is its start. */
    public void observe(Instant at, double value) {
        long ms = at.toEpochMilli();
        if (observations == 0) {
            baseline = Math.max(value, Double.MIN_NORMAL);
            level = 1;
        } else if (ms > lastMs) {
            update(value, (ms - lastMs) / 60_000.0);
        } else {
            return;
        }
        lastMs = ms;
        observations++;
    }

    private void update(double value, double minutes) {
        double ratio = value / baseline;
        double predicted = level + trend * minutes;
        double error = ratio - predicted;
        errorVariance += ERROR_ALPHA * (error * error - errorVariance);
        double previous = level;
        level = LEVEL_ALPHA * ratio + (1 - LEVEL_ALPHA) * predicted;
        trend = TREND_BETA * (level - previous) / minutes + (1 - TREND_BETA) * trend;
        baseline += BASELINE_ALPHA * minutes * (value - baseline);
        baseline = Math.max(baseline, Double.MIN_NORMAL);
    }

    public long observations() {
        return observations;
    }

    /** The slow baseline ratios are taken against, in the series' unit. */
    public double baseline() {
        return baseline;
    }

    /** The latest value as a ratio to the baseline. */
    public double currentRatio() {
        return level;
    }

    /** The largest forecast over the next {@code horizon}: the end of it on a rising trend, now otherwise. */
    public NeedForecast forecast(String metric, Duration horizon) {
        double minutes = horizon.toSeconds() / 60.0;
        double value = Math.max(level, level + trend * minutes);
        double spread = Z_90 * Math.sqrt(errorVariance * Math.max(1, minutes));
        return new NeedForecast(metric, Instant.ofEpochMilli(lastMs), horizon, value, value - spread,
                value + spread, MODEL);
    }
}
