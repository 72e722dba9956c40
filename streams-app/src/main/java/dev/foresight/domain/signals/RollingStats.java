package dev.foresight.domain.signals;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(size);
        out.writeInt(next);
        for (int i = 0; i < size; i++) {
            out.writeDouble(ring[i]);
        }
    }

    /** Restores what {@link #writeTo} wrote; the sums are recomputed, which also clears rounding drift. */
    void readFrom(DataInput in) throws IOException {
        size = in.readInt();
        next = in.readInt();
        if (size < 0 || size > ring.length || next < 0 || next >= ring.length) {
            throw new IOException("rolling window state does not fit a window of " + ring.length);
        }
        sum = 0;
        sumSquares = 0;
        for (int i = 0; i < size; i++) {
            ring[i] = in.readDouble();
            sum += ring[i];
            sumSquares += ring[i] * ring[i];
        }
    }
}
