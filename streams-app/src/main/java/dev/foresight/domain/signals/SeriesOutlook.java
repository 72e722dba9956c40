package dev.foresight.domain.signals;

import dev.foresight.domain.StateBytes;
import dev.foresight.predict.forecast.Forecast;
import dev.foresight.predict.forecast.ForecastSettings;
import dev.foresight.predict.forecast.SeriesForecaster;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * One series' forecast, fed its closed minutes in order: minutes are gathered into steps (the mean of a
 * gauge's minutes, the sum of a count's; a count's steps without minutes are zero, up to a day of them),
 * each closed step teaches the {@link SeriesForecaster}, and the forecast of the steps ahead comes with the
 * need it implies for the delivery pipeline ({@link OutlookNeeds}).
 */
public final class SeriesOutlook {

    /** The forecast made when a step closed: its points start at {@code nextStep}. */
    public record Outlook(long nextStep, Forecast forecast, Optional<Need> need) {
    }

    /** What a forecast asks of the pipeline; {@code kind} names a NeedKind of the forecast schema. */
    public record Need(String kind, double value, double lower, double upper, String explanation) {
    }

    private static final int STATE_VERSION = 1;

    private final SeriesMetric metric;
    private final long stepMs;
    private final ForecastSettings settings;
    private final SeriesForecaster forecaster;
    private long open = Long.MIN_VALUE;
    private double sum;
    private int minutes;

    public SeriesOutlook(SeriesMetric metric, long stepMs, ForecastSettings settings) {
        this(metric, stepMs, settings, new SeriesForecaster(settings));
    }

    private SeriesOutlook(SeriesMetric metric, long stepMs, ForecastSettings settings, SeriesForecaster forecaster) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("the step must be positive");
        }
        this.metric = metric;
        this.stepMs = stepMs;
        this.settings = settings;
        this.forecaster = forecaster;
    }

    /** Adds a closed minute (in time order); returns the forecast if it closed a step. */
    public Optional<Outlook> observe(long minuteStart, double value) {
        long step = Math.floorDiv(minuteStart, stepMs) * stepMs;
        if (open != Long.MIN_VALUE && step < open) {
            return Optional.empty();
        }
        Optional<Outlook> closed = Optional.empty();
        if (open != Long.MIN_VALUE && step > open) {
            forecaster.observe(metric.kind() == SeriesMetric.Kind.COUNT ? sum : sum / minutes);
            fillEmptySteps(step);
            Forecast forecast = clamped(forecaster.forecast());
            closed = Optional.of(new Outlook(step, forecast, OutlookNeeds.of(metric, forecast, stepMs)));
        }
        if (step != open) {
            open = step;
            sum = 0;
            minutes = 0;
        }
        sum += value;
        minutes++;
        return closed;
    }

    private void fillEmptySteps(long step) {
        if (metric.kind() != SeriesMetric.Kind.COUNT) {
            return;
        }
        long empty = Math.min((step - open) / stepMs - 1, settings.period());
        for (long i = 0; i < empty; i++) {
            forecaster.observe(0);
        }
    }

    /** Every delivery series is non-negative: so are its forecasts and bounds. */
    private static Forecast clamped(Forecast forecast) {
        return new Forecast(forecast.model(), forecast.recentError(), nonNegative(forecast.values()),
                nonNegative(forecast.lower()), nonNegative(forecast.upper()));
    }

    private static double[] nonNegative(double[] values) {
        double[] clamped = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            clamped[i] = Math.max(0, values[i]);
        }
        return clamped;
    }

    public byte[] toBytes() {
        return StateBytes.encode(out -> {
            out.writeInt(STATE_VERSION);
            out.writeLong(open);
            out.writeDouble(sum);
            out.writeInt(minutes);
            forecaster.writeTo(out);
        });
    }

    public static SeriesOutlook fromBytes(SeriesMetric metric, long stepMs, ForecastSettings settings, byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != STATE_VERSION) {
                throw new IOException("unknown outlook state version");
            }
            long open = in.readLong();
            double sum = in.readDouble();
            int minutes = in.readInt();
            SeriesOutlook outlook = new SeriesOutlook(metric, stepMs, settings,
                    SeriesForecaster.fromBytes(settings, in.readAllBytes()));
            outlook.open = open;
            outlook.sum = sum;
            outlook.minutes = minutes;
            return outlook;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable outlook state: " + e.getMessage(), e);
        }
    }
}
