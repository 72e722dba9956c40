package dev.foresight.domain.signals;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Four ways a value can be out of line with the series' recent baseline, each turned into a
 * likelihood: the value itself (a spike), the recent mean (a level shift), the recent spread (a
 * series that goes flat or noisy) and the step from the previous value (a jump). The score is the
 * most unlikely of the four.
 */
final class LevelSurprise {

    private static final double CAP = 50;
    private static final double RELATIVE_FLOOR = 1e-9;
    private static final double ABSOLUTE_FLOOR = 1e-12;
    private static final double SPREAD_FLOOR = 1e-6;

    private final RollingStats baseline;
    private final RollingStats recent;
    private final RollingStats steps;
    private final SurpriseLikelihood[] likelihoods = new SurpriseLikelihood[4];
    private final int warmup;
    private double previous = Double.NaN;
    private long seen;

    LevelSurprise(DetectorSettings settings) {
        baseline = new RollingStats(settings.baselineLength());
        recent = new RollingStats(settings.recentLength());
        steps = new RollingStats(settings.baselineLength());
        for (int i = 0; i < likelihoods.length; i++) {
            likelihoods[i] = new SurpriseLikelihood(settings.historyLength(), settings.averagedSurprises(),
                    settings.levelWarmup());
        }
        warmup = settings.levelWarmup();
    }

    double update(double value) {
        seen++;
        double mean = baseline.mean();
        double spread = baseline.std() + RELATIVE_FLOOR * Math.abs(mean) + ABSOLUTE_FLOOR;
        recent.add(value);
        double step = Double.isNaN(previous) ? 0 : value - previous;
        previous = value;
        double[] surprises = {
            Math.abs(value - mean) / spread,
            Math.abs(recent.mean() - mean) / spread,
            Math.abs(Math.log((recent.std() + SPREAD_FLOOR * spread + ABSOLUTE_FLOOR) / spread)),
            Math.abs(step) / (steps.std() + ABSOLUTE_FLOOR)};
        baseline.add(value);
        steps.add(step);
        double worst = 0;
        for (int i = 0; i < surprises.length; i++) {
            worst = Math.max(worst, likelihoods[i].update(Math.min(surprises[i], CAP)));
        }
        return seen < warmup ? 0 : worst;
    }

    void writeTo(DataOutput out) throws IOException {
        baseline.writeTo(out);
        recent.writeTo(out);
        steps.writeTo(out);
        for (SurpriseLikelihood likelihood : likelihoods) {
            likelihood.writeTo(out);
        }
        out.writeDouble(previous);
        out.writeLong(seen);
    }

    void readFrom(DataInput in) throws IOException {
        baseline.readFrom(in);
        recent.readFrom(in);
        steps.readFrom(in);
        for (SurpriseLikelihood likelihood : likelihoods) {
            likelihood.readFrom(in);
        }
        previous = in.readDouble();
        seen = in.readLong();
    }
}
