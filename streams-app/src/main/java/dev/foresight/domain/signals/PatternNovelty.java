package dev.foresight.domain.signals;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How new the shape of the latest values is: the window of the last {@code blocks × blockLength}
 * values, block-averaged and scaled to the range seen so far, against its nearest neighbour (largest
 * block difference) among the windows remembered. The distance is read against the usual distance
 * (mean plus three deviations), so a series that always wanders does not alarm.
 */
final class PatternNovelty {

    private static final double SPREAD_MULTIPLE = 3;
    private static final double DISTANCE_FLOOR = 0.01;
    private static final double SCALE = 4;

    private final int blocks;
    private final int blockLength;
    private final double[] window;
    private final float[][] memory;
    private final RollingStats distances;
    private final int learningValues;
    private int remembered;
    private int nextSlot;
    private long seen;
    private double low = Double.POSITIVE_INFINITY;
    private double high = Double.NEGATIVE_INFINITY;

    PatternNovelty(DetectorSettings settings) {
        blocks = settings.blocks();
        blockLength = settings.blockLength();
        window = new double[blocks * blockLength];
        memory = new float[settings.patternMemory()][];
        distances = new RollingStats(settings.historyLength());
        learningValues = settings.learningValues();
    }

    double update(double value) {
        window[(int) (seen % window.length)] = value;
        seen++;
        low = Math.min(low, value);
        high = Math.max(high, value);
        if (seen < window.length) {
            return 0;
        }
        float[] shape = shape();
        double nearest = remembered == 0 ? 0 : nearestDistance(shape);
        memory[nextSlot] = shape;
        nextSlot = (nextSlot + 1) % memory.length;
        remembered = Math.min(remembered + 1, memory.length);
        double usual = distances.size() > 0 ? distances.mean() + SPREAD_MULTIPLE * distances.std() : 1;
        distances.add(nearest);
        if (seen < learningValues || usual <= 0) {
            return 0;
        }
        return Math.min(nearest / (usual + DISTANCE_FLOOR) / SCALE, 1);
    }

    private float[] shape() {
        double span = high > low ? high - low : 1;
        float[] shape = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            double sum = 0;
            for (int j = 0; j < blockLength; j++) {
                sum += window[(int) ((seen - window.length + (long) b * blockLength + j) % window.length)];
            }
            shape[b] = (float) ((sum / blockLength - low) / span);
        }
        return shape;
    }

    private double nearestDistance(float[] shape) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < remembered; i++) {
            float[] other = memory[i];
            double distance = 0;
            for (int b = 0; b < blocks && distance < best; b++) {
                distance = Math.max(distance, Math.abs(other[b] - shape[b]));
            }
            best = Math.min(best, distance);
        }
        return best;
    }

    void writeTo(DataOutput out) throws IOException {
        for (double value : window) {
            out.writeDouble(value);
        }
        out.writeInt(remembered);
        out.writeInt(nextSlot);
        for (int i = 0; i < remembered; i++) {
            for (float block : memory[i]) {
                out.writeFloat(block);
            }
        }
        distances.writeTo(out);
        out.writeLong(seen);
        out.writeDouble(low);
        out.writeDouble(high);
    }

    void readFrom(DataInput in) throws IOException {
        for (int i = 0; i < window.length; i++) {
            window[i] = in.readDouble();
        }
        remembered = in.readInt();
        nextSlot = in.readInt();
        if (remembered < 0 || remembered > memory.length || nextSlot < 0 || nextSlot >= memory.length) {
            throw new IOException("pattern memory state does not fit a memory of " + memory.length);
        }
        for (int i = 0; i < remembered; i++) {
            memory[i] = new float[blocks];
            for (int b = 0; b < blocks; b++) {
                memory[i][b] = in.readFloat();
            }
        }
        distances.readFrom(in);
        seen = in.readLong();
        low = in.readDouble();
        high = in.readDouble();
    }
}
