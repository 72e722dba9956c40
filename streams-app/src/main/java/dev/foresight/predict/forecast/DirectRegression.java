package dev.foresight.predict.forecast;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Direct multi-horizon linear regression, refitted at every step: one ridge regression per horizon
 * {@code h}, predicting the value {@code h} steps ahead relative to the last value from features relative
 * to it, fitted by least squares over every origin seen so far with exponential forgetting (an origin's
 * weight falls by {@link #FORGETTING} a step, a sliding window of about a thousand steps).
 *
 * <p>Features of origin {@code t} and horizon {@code h}, each a value divided by the last value, minus one:
 * the {@value #LAGS} values before the last (an autoregression on relative changes); the values one period
 * before the target and either side of it, and one period before the origin (seasonal lags, a SARIMA-like
 * seasonal difference); the value a week (seven periods) before the target (the day of the week); the
 * daily profile (the mean of the same time of day over the last {@value #DAYS} periods) at the target's time
 * and at the origin's; and an intercept. A lag not yet seen is the last value. Regressing relative changes
 * keeps one configuration fit for series of any level.
 *
 * <p>Since it keeps a week of history it also answers the simple models that need one: the profile step
 * (the last value plus the profile's change from the origin's time to the target's), the profile itself,
 * and the weekly naive forecast.
 *
 * <p>State: the last {@code 7 × period + horizon + LAGS + 2} values and per horizon the
 * forgetting-weighted normal equations (a symmetric {@value #FEATURES}² matrix, written as its upper
 * triangle, and {@value #FEATURES} moments).
 */
final class DirectRegression {

    static final int LAGS = 5;
    static final int FEATURES = 1 + LAGS + 3 + 1 + 1 + 2;
    static final double FORGETTING = 0.999;
    static final double RIDGE = 1e-6;
    static final int DAYS = 7;
    /** A week in periods (days): the day-of-week lag. */
    private static final long WEEK = 7;

    private final int horizon;
    private final int period;
    private final double[] values;
    private final double[][] gram;
    private final double[][] moment;
    private final double[] features = new double[FEATURES];
    private final double[] forecast;
    private long seen;

    DirectRegression(int horizon, int period) {
        this.horizon = horizon;
        this.period = period;
        this.values = new double[(int) Math.max(DAYS, WEEK) * period + horizon + LAGS + 2];
        this.gram = new double[horizon][FEATURES * FEATURES];
        this.moment = new double[horizon][FEATURES];
        this.forecast = new double[horizon];
    }

    /** Learns the next value: every horizon's regression gains the origin that value is the target of. */
    void observe(double value) {
        values[(int) (seen % values.length)] = value;
        for (int h = 1; h <= horizon && h <= seen; h++) {
            long origin = seen - h;
            double scale = scale(origin);
            fill(origin, h);
            accumulate(h - 1, value / scale - 1);
        }
        seen++;
        refit();
    }

    /** Forecast of step {@code h} (1-based) ahead of the last value seen. */
    double forecast(int h) {
        return forecast[h - 1];
    }

    /** The last value plus the profile's change from the last value's time of day to step {@code h}'s. */
    double profileStep(int h) {
        long origin = seen - 1;
        return valueAt(origin, origin) + profile(origin + h, origin) - profile(origin, origin);
    }

    /** The profile at step {@code h} ahead: the mean of the same time of day over the last days. */
    double profileMean(int h) {
        long origin = seen - 1;
        return profile(origin + h, origin);
    }

    /** The value a week before step {@code h} ahead (the last value until a week has been seen). */
    double weekly(int h) {
        long origin = seen - 1;
        return valueAt(origin + h - WEEK * period, origin);
    }

    /** Refits every horizon on the origins so far; a fit that overflows (absurd ratios) forecasts the last value. */
    private void refit() {
        long origin = seen - 1;
        double scale = scale(origin);
        double[] weights = new double[FEATURES];
        for (int h = 1; h <= horizon; h++) {
            fill(origin, h);
            solve(gram[h - 1], moment[h - 1], weights);
            double relative = 0;
            for (int f = 0; f < FEATURES; f++) {
                relative += weights[f] * features[f];
            }
            double value = scale * (1 + relative);
            forecast[h - 1] = Double.isFinite(value) ? Math.max(0, value) : valueAt(origin, origin);
        }
    }

    private void accumulate(int h, double target) {
        double[] g = gram[h];
        double[] m = moment[h];
        for (int i = 0; i < FEATURES; i++) {
            m[i] = FORGETTING * m[i] + features[i] * target;
            for (int j = 0; j < FEATURES; j++) {
                g[i * FEATURES + j] = FORGETTING * g[i * FEATURES + j] + features[i] * features[j];
            }
        }
    }

    /** The features of {@code origin} for horizon {@code h}, into {@link #features}. */
    private void fill(long origin, int h) {
        double scale = scale(origin);
        int f = 0;
        features[f++] = 1;
        for (int lag = 1; lag <= LAGS; lag++) {
            features[f++] = valueAt(origin - lag, origin) / scale - 1;
        }
        features[f++] = valueAt(origin + h - WEEK * period, origin) / scale - 1;
        for (int side = -1; side <= 1; side++) {
            features[f++] = valueAt(origin + h - period + side, origin) / scale - 1;
        }
        features[f++] = valueAt(origin - period, origin) / scale - 1;
        features[f++] = profile(origin + h, origin) / scale - 1;
        features[f] = profile(origin, origin) / scale - 1;
    }

    /** The last value as the level: a value not above zero counts as one, so zero counts still regress. */
    private double scale(long origin) {
        double last = values[(int) (origin % values.length)];
        return last > 0 ? last : 1;
    }

    /** The value at {@code index}, or the origin's when it was not seen or lies after the origin. */
    private double valueAt(long index, long origin) {
        long at = index < 0 || index > origin ? origin : index;
        return values[(int) (at % values.length)];
    }

    /** The mean of the values whole periods before {@code index}, over the last {@link #DAYS} seen. */
    private double profile(long index, long origin) {
        double sum = 0;
        int days = 0;
        for (int day = 1; day <= DAYS && index - (long) day * period >= 0; day++) {
            sum += valueAt(index - (long) day * period, origin);
            days++;
        }
        return days == 0 ? valueAt(origin, origin) : sum / days;
    }

    /**
     * Solves {@code (gram + ridge · I) weights = moment} by Cholesky, the ridge a fraction of the mean
     * diagonal so that it scales with the data; with nothing learnt the weights are zero (the last value).
     */
    private static void solve(double[] gram, double[] moment, double[] weights) {
        int n = FEATURES;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += gram[i * n + i];
        }
        double ridge = RIDGE * trace / n + 1e-9;
        double[] lower = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = gram[i * n + j] + (i == j ? ridge : 0);
                for (int k = 0; k < j; k++) {
                    sum -= lower[i * n + k] * lower[j * n + k];
                }
                lower[i * n + j] = i == j ? Math.sqrt(Math.max(sum, 1e-300)) : sum / lower[j * n + j];
            }
        }
        for (int i = 0; i < n; i++) {
            double sum = moment[i];
            for (int k = 0; k < i; k++) {
                sum -= lower[i * n + k] * weights[k];
            }
            weights[i] = sum / lower[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = weights[i];
            for (int k = i + 1; k < n; k++) {
                sum -= lower[k * n + i] * weights[k];
            }
            weights[i] = sum / lower[i * n + i];
        }
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(seen);
        write(out, values);
        write(out, forecast);
        for (int h = 0; h < horizon; h++) {
            for (int i = 0; i < FEATURES; i++) {
                for (int j = i; j < FEATURES; j++) {
                    out.writeDouble(gram[h][i * FEATURES + j]);
                }
            }
            write(out, moment[h]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        seen = in.readLong();
        read(in, values);
        read(in, forecast);
        for (int h = 0; h < horizon; h++) {
            for (int i = 0; i < FEATURES; i++) {
                for (int j = i; j < FEATURES; j++) {
                    gram[h][i * FEATURES + j] = in.readDouble();
                    gram[h][j * FEATURES + i] = gram[h][i * FEATURES + j];
                }
            }
            read(in, moment[h]);
        }
    }

    static void write(DataOutput out, double[] numbers) throws IOException {
        for (double number : numbers) {
            out.writeDouble(number);
        }
    }

    static void read(DataInput in, double[] numbers) throws IOException {
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = in.readDouble();
        }
    }
}
