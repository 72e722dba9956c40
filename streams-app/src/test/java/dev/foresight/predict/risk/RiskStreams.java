package dev.foresight.predict.risk;

import dev.foresight.evaluate.deployment.RocAuc;
import java.util.Random;

/** Synthetic labelled hosts for the risk model tests, from a fixed seed. */
final class RiskStreams {

    static final int FEATURES = 3;

    private final Random random;
    private final double failureRate;

    RiskStreams(long seed, double failureRate) {
        this.random = new Random(seed);
        this.failureRate = failureRate;
    }

    /**
     * Features {@code [disk_pressure, noise_a, noise_b]}: failures have disk pressure above 2, healthy
     * hosts below 1 (separable), the other two features are noise for both.
     */
    Sample next() {
        boolean failed = random.nextDouble() < failureRate;
        double pressure = failed ? 2 + random.nextDouble() : random.nextDouble();
        return new Sample(new double[] {pressure, random.nextGaussian(), 10 + 3 * random.nextGaussian()}, failed);
    }

    Sample[] take(int count) {
        Sample[] samples = new Sample[count];
        for (int i = 0; i < count; i++) {
            samples[i] = next();
        }
        return samples;
    }

    static double auc(RiskModel model, Sample[] samples) {
        double[] scores = new double[samples.length];
        boolean[] failed = new boolean[samples.length];
        for (int i = 0; i < samples.length; i++) {
            scores[i] = model.score(samples[i].features());
            failed[i] = samples[i].failed();
        }
        return RocAuc.of(scores, failed);
    }

    record Sample(double[] features, boolean failed) {
    }
}
