package dev.foresight.predict.forecast;

import dev.foresight.domain.StateBytes;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Online forecast of one regularly stepped series, a value at a time: several simple models run side by
 * side and each origin's forecast comes from the one with the lowest recent error (sMAPE over every
 * horizon of the forecasts it made in the last {@code horizon} origins, exponentially weighted). The
 * interval of each horizon is the chosen model's recent root-mean-square error at that horizon.
 *
 * <p>Models: last value; simple exponential smoothing; damped-trend Holt; seasonal naive (the value one
 * period back); seasonal step (the last value plus the change one period back); and their mean. Until a
 * period has been seen the seasonal ones repeat the last value. Single-threaded; the whole state is a few
 * kB ({@code period + 1} values plus {@code models × horizon²} remembered forecasts) and round-trips through
 * {@link #toBytes()}.
 */
public final class SeriesForecaster {

    static final String[] MODELS = {"last-value", "exp-smoothing", "damped-holt", "seasonal-naive",
        "seasonal-step", "mean-of-models"};
    private static final int STATE_VERSION = 1;
    private static final double SES_ALPHA = 0.5;
    private static final double HOLT_ALPHA = 0.5;
    private static final double HOLT_BETA = 0.1;
    private static final double DAMPING = 0.9;
    private static final double TINY = 1e-12;

    private final ForecastSettings settings;
    private final int horizon;
    private final double[] season;
    private final double[][][] made;
    private final double[] error;
    private final double[][] squared;
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
        this.error = new double[MODELS.length];
        this.squared = new double[MODELS.length][horizon];
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

    /** The forecast of the next {@code horizon} steps by the model with the lowest recent error. */
    public Forecast forecast() {
        int best = best();
        double[] values = forecasts(best);
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double spread = settings.interval() * Math.sqrt(squared[best][h]);
            lower[h] = values[h] - spread;
            upper[h] = values[h] + spread;
        }
        return new Forecast(MODELS[best], 100 * error[best], values, lower, upper);
    }

    public long seen() {
        return seen;
    }

    private void learnErrors(double value) {
        int origins = (int) Math.min(seen, horizon);
        for (int m = 0; m < MODELS.length; m++) {
            double smape = 0;
            for (int back = 1; back <= origins; back++) {
                double forecast = made[m][(int) ((seen - back) % horizon)][back - 1];
                smape += 2 * Math.abs(forecast - value) / (Math.abs(forecast) + Math.abs(value) + TINY);
                double miss = forecast - value;
                squared[m][back - 1] = decayed(squared[m][back - 1], miss * miss, seen == back);
            }
            error[m] = decayed(error[m], smape / origins, seen == 1);
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
        seen++;
    }

    private void remember() {
        int slot = (int) ((seen - 1) % horizon);
        for (int m = 0; m < MODELS.length; m++) {
            made[m][slot] = forecasts(m);
        }
    }

    private int best() {
        int best = 0;
        for (int m = 1; m < MODELS.length; m++) {
            if (error[m] < error[best]) {
                best = m;
            }
        }
        return best;
    }

    private double[] forecasts(int model) {
        double[] values = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            values[h - 1] = model == MODELS.length - 1 ? meanOfModels(h) : single(model, h);
        }
        return values;
    }

    private double meanOfModels(int h) {
        double sum = 0;
        for (int m = 0; m < MODELS.length - 1; m++) {
            sum += single(m, h);
        }
        return sum / (MODELS.length - 1);
    }

    private double single(int model, int h) {
        return switch (model) {
            case 0 -> last;
            case 1 -> smooth;
            case 2 -> level + trend * dampedSum(h);
            case 3 -> seasonal(h);
            default -> last + seasonal(h) - seasonal(0);
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
        write(out, error);
        for (int m = 0; m < MODELS.length; m++) {
            write(out, squared[m]);
            for (double[] origin : made[m]) {
                write(out, origin);
            }
        }
    }

    /** A forecaster restored from {@link #toBytes}; the settings must be those it was written with. */
    public static SeriesForecaster fromBytes(ForecastSettings settings, byte[] state) {
        SeriesForecaster forecaster = new SeriesForecaster(settings);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != STATE_VERSION) {
                throw new IOException("unknown forecaster state version");
            }
            forecaster.seen = in.readLong();
            forecaster.last = in.readDouble();
            forecaster.smooth = in.readDouble();
            forecaster.level = in.readDouble();
            forecaster.trend = in.readDouble();
            read(in, forecaster.season);
            read(in, forecaster.error);
            for (int m = 0; m < MODELS.length; m++) {
                read(in, forecaster.squared[m]);
                for (double[] origin : forecaster.made[m]) {
                    read(in, origin);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable forecaster state: " + e.getMessage(), e);
        }
        return forecaster;
    }

    private static void write(DataOutput out, double[] values) throws IOException {
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static void read(DataInputStream in, double[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
    }
}
