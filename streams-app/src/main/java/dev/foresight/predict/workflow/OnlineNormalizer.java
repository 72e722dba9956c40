package dev.foresight.predict.workflow;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Running mean and variance per feature (Welford), to standardise values whose range is not known up
 * front. Readers get an immutable {@link Scale}, republished on every update, so the prediction path
 * takes no lock.
 */
final class OnlineNormalizer {

    private static final double MIN_STD = 1e-3;

    private final double[] mean;
    private final double[] m2;
    private long count;
    private volatile Scale scale;

    OnlineNormalizer(int features) {
        mean = new double[features];
        m2 = new double[features];
        publish();
    }

    /** Mean and standard deviation per feature at one moment. */
    record Scale(double[] mean, double[] std) {

        double standardize(int feature, double value) {
            return (value - mean[feature]) / std[feature];
        }

        double restore(int feature, double standardized) {
            return standardized * std[feature] + mean[feature];
        }
    }

    Scale scale() {
        return scale;
    }

    synchronized void add(double[] values) {
        count++;
        for (int i = 0; i < mean.length; i++) {
            double delta = values[i] - mean[i];
            mean[i] += delta / count;
            m2[i] += delta * (values[i] - mean[i]);
        }
        publish();
    }

    synchronized void write(DataOutput out) throws IOException {
        out.writeInt(mean.length);
        out.writeLong(count);
        for (int i = 0; i < mean.length; i++) {
            out.writeDouble(mean[i]);
            out.writeDouble(m2[i]);
        }
    }

    synchronized void read(DataInput in) throws IOException {
        int features = in.readInt();
        if (features != mean.length) {
            throw new IllegalArgumentException("checkpoint has " + features + " features, expected " + mean.length);
        }
        count = in.readLong();
        for (int i = 0; i < features; i++) {
            mean[i] = in.readDouble();
            m2[i] = in.readDouble();
        }
        publish();
    }

    /** Population standard deviation; 1 until two values are seen, so early values pass through centred. */
    private void publish() {
        double[] std = new double[mean.length];
        for (int i = 0; i < std.length; i++) {
            std[i] = count < 2 ? 1 : Math.max(MIN_STD, Math.sqrt(m2[i] / count));
        }
        scale = new Scale(mean.clone(), std);
    }
}
