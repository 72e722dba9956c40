package dev.foresight.predict.forecast;

import dev.foresight.domain.StateBytes;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Online forecast of one regularly stepped series, a value at a time: several models run side by side and
 * each step ahead is their mean weighted by their recent error at that horizon (the sMAPE of their
 * forecasts that many steps ahead, exponentially weighted; see {@link #forecast()}). The interval of each
 * step is the best model's recent root-mean-square error at that horizon.
 *
 * <p>Models: last value; simple exponential smoothing; damped-trend Holt; seasonal naive (the value one
 * period back); seasonal step (the last value plus the change one period back); a direct multi-horizon
 * linear regression on lagged, seasonal, weekly and daily-profile values, refitted at every step; the
 * profile step and the profile (the same time of day averaged over the last week); and the weekly naive
 * forecast (the last four from {@link DirectRegression}). Until a period (a week) has been seen the
 * seasonal (weekly) ones repeat the last value. Single-threaded; the state is bounded (about
 * {@code 8 × period} values, {@code models × horizon²} remembered forecasts and the regression's normal
 * equations per horizon) and round-trips through {@link #toBytes()}.
 */
public final class SeriesForecaster {

    static final String[] MODELS = {"last-value", "exp-smoothing", "damped-holt", "seasonal-naive",
        "seasonal-step", "linear-direct", "profile-step", "profile-mean", "weekly-naive"};
    private static final int STATE_VERSION = 2;
    private static final int WEIGHT_POWER = 8;
    private static final double SES_ALPHA = 0.5;
    private static final double HOLT_ALPHA = 0.5;
    private static final double HOLT_BETA = 0.1;
    private static final double DAMPING = 0.9;
    private static final double TINY = 1e-12;

    private final ForecastSettings settings;
    private final int horizon;
    private final double[] season;
    private final double[][][] made;
    private final double[][] error;
    private final double[][] squared;
    private final DirectRegression regression;
    private long seen;
    private double last;
    private double smooth;
    private double level;
    private double trend;

    public SeriesForecaster(ForecastSettings settings) {
        this.settings = settings;
        this.horizon = settings.horizon();
        this.season = new double[settings.period() + 1];
        this.made = new double[MODELS.length][horizon][horizon];
        this.error = new double[MODELS.length][horizon];
        this.squared = new double[MODELS.length][horizon];
        this.regression = new DirectRegression(horizon, settings.period());
    }

    /** Learns the value of the next step (non-finite values are rejected). */
    public void observe(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite value: " + value);
        }
        if (seen > 0) {
            learnErrors(value);
        }
        update(value);
        remember();
    }

    /**
     * The forecast of the next {@code horizon} steps: at each horizon the mean of the models' forecasts,
     * each weighted by (lowest recent error / its recent error)^{@value #WEIGHT_POWER} at that horizon, so
     * the best model dominates and close runners-up share. The interval is the best model's; the forecast
     * names the model best at most horizons and the mean of their recent errors.
     */
    public Forecast forecast() {
        double[] values = new double[horizon];
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        int[] chosen = new int[MODELS.length];
        double recent = 0;
        for (int h = 0; h < horizon; h++) {
            int best = best(h);
            values[h] = weighted(h, best);
            double spread = settings.interval() * Math.sqrt(squared[best][h]);
            lower[h] = values[h] - spread;
            upper[h] = values[h] + spread;
            chosen[best]++;
            recent += error[best][h] / horizon;
        }
        int most = 0;
        for (int m = 1; m < MODELS.length; m++) {
            if (chosen[m] > chosen[most]) {
                most = m;
            }
        }
        return new Forecast(MODELS[most], 100 * recent, values, lower, upper);
    }

    private double weighted(int h, int best) {
        double weights = 0;
        double sum = 0;
        for (int m = 0; m < MODELS.length; m++) {
            double weight = Math.pow((error[best][h] + TINY) / (error[m][h] + TINY), WEIGHT_POWER);
            weights += weight;
            sum += weight * single(m, h + 1);
        }
        return sum / weights;
    }

    public long seen() {
        return seen;
    }

    private void learnErrors(double value) {
        int origins = (int) Math.min(seen, horizon);
        for (int m = 0; m < MODELS.length; m++) {
            for (int back = 1; back <= origins; back++) {
                double forecast = made[m][(int) ((seen - back) % horizon)][back - 1];
                double smape = 2 * Math.abs(forecast - value) / (Math.abs(forecast) + Math.abs(value) + TINY);
                double miss = forecast - value;
                squared[m][back - 1] = decayed(squared[m][back - 1], miss * miss, seen == back);
                error[m][back - 1] = decayed(error[m][back - 1], smape, seen == back);
            }
        }
    }

    private double decayed(double running, double newest, boolean first) {
        return first ? newest : running + settings.errorDecay() * (newest - running);
    }

    private void update(double value) {
        if (seen == 0) {
            smooth = value;
            level = value;
            trend = 0;
        } else {
            smooth += SES_ALPHA * (value - smooth);
            double previousLevel = level;
            level = HOLT_ALPHA * value + (1 - HOLT_ALPHA) * (level + DAMPING * trend);
            trend = HOLT_BETA * (level - previousLevel) + (1 - HOLT_BETA) * DAMPING * trend;
        }
        last = value;
        season[(int) (seen % season.length)] = value;
        regression.observe(value);
        seen++;
    }

    private void remember() {
        int slot = (int) ((seen - 1) % horizon);
        for (int m = 0; m < MODELS.length; m++) {
            made[m][slot] = forecasts(m);
        }
    }

    private int best(int h) {
        int best = 0;
        for (int m = 1; m < MODELS.length; m++) {
            if (error[m][h] < error[best][h]) {
                best = m;
            }
        }
        return best;
    }

    private double[] forecasts(int model) {
        double[] values = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            values[h - 1] = single(model, h);
        }
        return values;
    }

    private double single(int model, int h) {
        return switch (model) {
            case 0 -> last;
            case 1 -> smooth;
            case 2 -> level + trend * dampedSum(h);
            case 3 -> seasonal(h);
            case 4 -> last + seasonal(h) - seasonal(0);
            case 5 -> regression.forecast(h);
            case 6 -> regression.profileStep(h);
            case 7 -> regression.profileMean(h);
            default -> regression.weekly(h);
        };
    }

    /** The value one period before step {@code h} ahead, or the last value until a period has been seen. */
    private double seasonal(int h) {
        int period = settings.period();
        if (seen < period + 1) {
            return last;
        }
        long index = seen - 1 + h - period;
        while (index >= seen) {
            index -= period;
        }
        return season[(int) (index % season.length)];
    }

    private static double dampedSum(int h) {
        double sum = 0;
        double factor = DAMPING;
        for (int i = 0; i < h; i++) {
            sum += factor;
            factor *= DAMPING;
        }
        return sum;
    }

    public byte[] toBytes() {
        return StateBytes.encode(this::writeTo);
    }

    /** What {@link #toBytes} holds, written into a larger state (a series' outlook) without a copy. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeLong(seen);
        for (double value : new double[] {last, smooth, level, trend}) {
            out.writeDouble(value);
        }
        write(out, season);
        for (int m = 0; m < MODELS.length; m++) {
            write(out, error[m]);
            write(out, squared[m]);
            for (double[] origin : made[m]) {
                write(out, origin);
            }
        }
        regression.writeTo(out);
    }

    /**
     * A forecaster restored from {@link #toBytes}; the settings must be those it was written with. A state
     * of the first version (before the regression and per-horizon errors) starts afresh: a forecaster
     * relearns within a period, and its old errors do not compare with the new models'.
     */
    public static SeriesForecaster fromBytes(ForecastSettings settings, byte[] state) {
        SeriesForecaster forecaster = new SeriesForecaster(settings);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int version = in.readInt();
            if (version == 1) {
                return forecaster;
            }
            if (version != STATE_VERSION) {
                throw new IOException("unknown forecaster state version");
            }
            forecaster.seen = in.readLong();
            forecaster.last = in.readDouble();
            forecaster.smooth = in.readDouble();
            forecaster.level = in.readDouble();
            forecaster.trend = in.readDouble();
            read(in, forecaster.season);
            for (int m = 0; m < MODELS.length; m++) {
                read(in, forecaster.error[m]);
                read(in, forecaster.squared[m]);
                for (double[] origin : forecaster.made[m]) {
                    read(in, origin);
                }
            }
            forecaster.regression.readFrom(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable forecaster state: " + e.getMessage(), e);
        }
        return forecaster;
    }

    private static void write(DataOutput out, double[] values) throws IOException {
        DirectRegression.write(out, values);
    }

    private static void read(DataInputStream in, double[] values) throws IOException {
        DirectRegression.read(in, values);
    }
}
