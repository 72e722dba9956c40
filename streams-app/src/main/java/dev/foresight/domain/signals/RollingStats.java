package dev.foresight.domain.signals;

/** Mean and standard deviation of the last {@code capacity} values, updated in O(1) per value. */
final class RollingStats {

    private final double[] ring;
    private int size;
    private int next;
    private double sum;
    private double sumSquares;

    RollingStats(int capacity) {
        ring = new double[capacity];
    }

    void add(double value) {
        if (size == ring.length) {
            double old = ring[next];
            sum -= old;
            sumSquares -= old * old;
        } else {
            size++;
        }
        ring[next] = value;
        next = (next + 1) % ring.length;
        sum += value;
        sumSquares += value * value;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == ring.length;
    }

    double mean() {
        return size == 0 ? 0 : sum / size;
    }

    double std() {
        if (size < 2) {
            return 0;
        }
        double mean = mean();
        return Math.sqrt(Math.max(0, sumSquares / size - mean * mean));
    }
}
