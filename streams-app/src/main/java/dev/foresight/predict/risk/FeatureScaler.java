package dev.foresight.predict.risk;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Running mean and variance per feature (Welford), so features of any range reach the learner as
 * clipped z-scores. Values that are not finite are skipped when learning and read as "average".
 */
final class FeatureScaler {

    private final double[] mean;
    private final double[] m2;
    private final long[] count;
    private final double clip;

    FeatureScaler(int features, double clip) {
        this.mean = new double[features];
        this.m2 = new double[features];
        this.count = new long[features];
        this.clip = clip;
    }

    /** Zero for a feature until it has varied: nothing is known yet about what is unusual. */
    double[] standardize(double[] values) {
        double[] z = new double[values.length];
        for (int i = 0; i < z.length; i++) {
            double std = count[i] < 2 ? 0 : Math.sqrt(m2[i] / (count[i] - 1));
            if (std > 0 && Double.isFinite(values[i])) {
                z[i] = Math.max(-clip, Math.min(clip, (values[i] - mean[i]) / std));
            }
        }
        return z;
    }

    void add(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                count[i]++;
                double delta = values[i] - mean[i];
                mean[i] += delta / count[i];
                m2[i] += delta * (values[i] - mean[i]);
            }
        }
    }

    void write(DataOutput out) throws IOException {
        for (int i = 0; i < mean.length; i++) {
            out.writeLong(count[i]);
            out.writeDouble(mean[i]);
            out.writeDouble(m2[i]);
        }
    }

    void read(DataInput in) throws IOException {
        for (int i = 0; i < mean.length; i++) {
            count[i] = in.readLong();
            mean[i] = in.readDouble();
            m2[i] = in.readDouble();
        }
    }
}
