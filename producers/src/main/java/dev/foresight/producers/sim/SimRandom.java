package dev.foresight.producers.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** The distributions the simulators draw from; one instance per simulator so they stay independent. */
final class SimRandom {

    private final SplittableRandom random;

    SimRandom(SplittableRandom random) {
        this.random = random;
    }

    double uniform() {
        return random.nextDouble();
    }

    double between(double low, double high) {
        return random.nextDouble(low, high);
    }

    /** Uniform integer in [low, high], both inclusive. */
    int intBetween(int low, int high) {
        return random.nextInt(low, high + 1);
    }

    long millisBetween(long low, long high) {
        return random.nextLong(low, high + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double gaussian() {
        return random.nextGaussian();
    }

    /** Positive, right-skewed: durations and sizes; {@code median} is the 50th percentile. */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    /** Waiting time of a Poisson process with the given mean. */
    long exponentialMillis(long meanMillis) {
        return Math.max(1, Math.round(random.nextExponential() * meanMillis));
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }

    String hex(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(Character.forDigit(random.nextInt(16), 16));
        }
        return text.toString();
    }

    static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
