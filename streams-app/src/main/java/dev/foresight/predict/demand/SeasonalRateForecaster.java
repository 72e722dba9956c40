package dev.foresight.predict.demand;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Additive seasonal smoothing (a level plus one offset per slot of the season) with a conformal
 * interval: every observation also records the forecast made at that moment; once its horizon has
 * passed, the log ratio of realised to predicted mean joins a window of residuals, whose empirical
 * quantiles widen the next forecasts. Log ratios keep the interval proportional to the rate, so
 * calibration on a quiet night still holds for a busy morning. Until enough forecasts have resolved,
 * the interval is the wide default {@code [0, 2 x mean + 1]}.
 */
public final class SeasonalRateForecaster implements RateForecaster {

    private static final int FORMAT = 1;

    /** A forecast waiting for its horizon to pass. */
    private static final class Pending {
        final long endMs;
        final double predicted;
        double sum;
        int count;

        Pending(long endMs, double predicted) {
            this.endMs = endMs;
            this.predicted = predicted;
        }
    }

    private final SeasonalSettings settings;
    private final double[] offsets;
    private final boolean[] seen;
    private final double[] residuals;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private double level;
    private boolean started;
    private int residualCount;
    private int residualNext;

    public SeasonalRateForecaster(SeasonalSettings settings) {
        this.settings = settings;
        this.offsets = new double[settings.slots()];
        this.seen = new boolean[settings.slots()];
        this.residuals = new double[settings.residualWindow()];
    }

    public static RateForecasterFactory factory(SeasonalSettings settings) {
        return new RateForecasterFactory() {
            @Override
            public RateForecaster create() {
                return new SeasonalRateForecaster(settings);
            }

            @Override
            public RateForecaster restore(byte[] checkpoint) {
                return SeasonalRateForecaster.restore(settings, checkpoint);
            }
        };
    }

    @Override
    public void observe(long timeMs, double rate) {
        resolve(timeMs, rate);
        int slot = slotOf(timeMs);
        if (!started) {
            level = rate;
            started = true;
        }
        double offset = seen[slot] ? offsets[slot] : 0;
        level += settings.levelRate() * (rate - offset - level);
        offsets[slot] = seen[slot] ? offset + settings.seasonRate() * (rate - level - offset) : rate - level;
        seen[slot] = true;
        pending.addLast(new Pending(timeMs + settings.horizonSteps() * settings.step().toMillis(), mean(timeMs)));
    }

    @Override
    public RateForecast forecast(long timeMs) {
        double mean = mean(timeMs);
        if (residualCount < settings.minResiduals()) {
            return new RateForecast(mean, 0, 2 * mean + 1);
        }
        double[] sorted = Arrays.copyOf(residuals, residualCount);
        Arrays.sort(sorted);
        double tail = (1 - settings.coverage()) / 2;
        double lower = Math.max(0, (mean + 1) * Math.exp(quantile(sorted, tail)) - 1);
        double upper = (mean + 1) * Math.exp(quantile(sorted, 1 - tail)) - 1;
        return new RateForecast(mean, Math.min(lower, mean), Math.max(upper, mean));
    }

    private double mean(long timeMs) {
        if (!started) {
            return 0;
        }
        int steps = settings.horizonSteps();
        double sum = 0;
        for (int k = 1; k <= steps; k++) {
            int slot = slotOf(timeMs + k * settings.step().toMillis());
            sum += Math.max(0, level + (seen[slot] ? offsets[slot] : 0));
        }
        return sum / steps;
    }

    private void resolve(long timeMs, double rate) {
        for (Pending p : pending) {
            p.sum += rate;
            p.count++;
        }
        while (!pending.isEmpty() && pending.peekFirst().endMs <= timeMs) {
            Pending done = pending.removeFirst();
            residuals[residualNext] = Math.log((done.sum / done.count + 1) / (done.predicted + 1));
            residualNext = (residualNext + 1) % residuals.length;
            residualCount = Math.min(residualCount + 1, residuals.length);
        }
    }

    private int slotOf(long timeMs) {
        long season = settings.season().toMillis();
        return (int) (Math.floorMod(timeMs, season) * settings.slots() / season);
    }

    /** Linear interpolation between order statistics. */
    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    @Override
    public byte[] checkpoint() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(offsets.length);
            out.writeInt(residuals.length);
            out.writeBoolean(started);
            out.writeDouble(level);
            for (int i = 0; i < offsets.length; i++) {
                out.writeBoolean(seen[i]);
                out.writeDouble(offsets[i]);
            }
            out.writeInt(residualCount);
            out.writeInt(residualNext);
            for (double r : residuals) {
                out.writeDouble(r);
            }
            out.writeInt(pending.size());
            for (Pending p : pending) {
                out.writeLong(p.endMs);
                out.writeDouble(p.predicted);
                out.writeDouble(p.sum);
                out.writeInt(p.count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A checkpoint written with other slot or window sizes is not resumed: the settings changed, so the
     * forecaster starts afresh rather than misreading its history.
     */
    static SeasonalRateForecaster restore(SeasonalSettings settings, byte[] checkpoint) {
        SeasonalRateForecaster forecaster = new SeasonalRateForecaster(settings);
        if (checkpoint.length == 0) {
            return forecaster;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
            if (in.readInt() != FORMAT) {
                throw new IllegalArgumentException("unknown forecaster checkpoint format");
            }
            if (in.readInt() != settings.slots() || in.readInt() != settings.residualWindow()) {
                return forecaster;
            }
            forecaster.read(in);
            return forecaster;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable forecaster checkpoint", e);
        }
    }

    private void read(DataInputStream in) throws IOException {
        started = in.readBoolean();
        level = in.readDouble();
        for (int i = 0; i < offsets.length; i++) {
            seen[i] = in.readBoolean();
            offsets[i] = in.readDouble();
        }
        residualCount = in.readInt();
        residualNext = in.readInt();
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = in.readDouble();
        }
        int open = in.readInt();
        for (int i = 0; i < open; i++) {
            Pending p = new Pending(in.readLong(), in.readDouble());
            p.sum = in.readDouble();
            p.count = in.readInt();
            pending.addLast(p);
        }
    }
}
