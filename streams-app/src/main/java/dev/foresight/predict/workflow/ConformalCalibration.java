package dev.foresight.predict.workflow;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How wrong the predictor has recently been on each action type, as log residuals of memory
 * ({@code log1p(actual) - log1p(predicted)}). Gives a split-conformal upper bound (the residual quantile
 * at the target coverage) and a confidence: the share of recent actions the bound would have reserved
 * well, enough and at most the tolerance more than they used, with a prior of ill-served ones so a type
 * seen a few times is not trusted yet. The bound is what gets reserved, so a point prediction that is
 * usually close but sometimes far off earns little: its bound is wide. Until there are enough residuals
 * to bound the error at the coverage, the bound is infinite and the confidence is 0.
 *
 * <p>Predictions made with and without earlier actions of the predicted type in the history are
 * calibrated apart: their errors differ by an order of magnitude, and mixing them would let the cold
 * start's misses inflate the bound long after the type has history.
 */
final class ConformalCalibration {

    private static final int MAX_TYPES = 4096;

    private final double coverage;
    private final double tolerance;
    private final int window;
    private final double priorWeight;
    private final Map<Key, Residuals> byType = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Residuals> eldest) {
            return size() > MAX_TYPES;
        }
    };

    ConformalCalibration(LstmSettings settings) {
        this.coverage = settings.coverage();
        this.tolerance = settings.tolerance();
        this.window = settings.calibrationWindow();
        this.priorWeight = settings.priorWeight();
    }

    /** The bound on the log residual and the confidence for one action type. */
    record Calibrated(double upperLogMargin, double confidence) {

        static final Calibrated UNKNOWN = new Calibrated(Double.POSITIVE_INFINITY, 0);
    }

    /** @param withContext whether the history held earlier actions of the predicted type */
    private record Key(String actionType, boolean withContext) {
    }

    synchronized void add(String actionType, boolean withContext, double logResidual) {
        byType.computeIfAbsent(new Key(actionType, withContext), key -> new Residuals(window)).add(logResidual);
    }

    synchronized Calibrated calibrated(String actionType, boolean withContext) {
        Residuals residuals = byType.get(new Key(actionType, withContext));
        return residuals == null ? Calibrated.UNKNOWN : residuals.calibrated();
    }

    synchronized void write(DataOutput out) throws IOException {
        out.writeInt(byType.size());
        for (Map.Entry<Key, Residuals> entry : byType.entrySet()) {
            out.writeUTF(entry.getKey().actionType());
            out.writeBoolean(entry.getKey().withContext());
            double[] values = entry.getValue().inOrder();
            out.writeInt(values.length);
            for (double value : values) {
                out.writeDouble(value);
            }
        }
    }

    synchronized void read(DataInput in) throws IOException {
        byType.clear();
        int types = in.readInt();
        for (int t = 0; t < types; t++) {
            String type = in.readUTF();
            boolean withContext = in.readBoolean();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                add(type, withContext, in.readDouble());
            }
        }
    }

    /** A ring of recent residuals of one type; the calibration is cached until the next residual. */
    private final class Residuals {

        private final double[] ring;
        private int count;
        private int next;
        private Calibrated cached;

        Residuals(int capacity) {
            ring = new double[capacity];
        }

        void add(double residual) {
            ring[next] = residual;
            next = (next + 1) % ring.length;
            count = Math.min(count + 1, ring.length);
            cached = null;
        }

        Calibrated calibrated() {
            if (cached == null) {
                cached = compute();
            }
            return cached;
        }

        double[] inOrder() {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = ring[(next - count + i + ring.length) % ring.length];
            }
            return values;
        }

        private Calibrated compute() {
            int rank = (int) Math.ceil((count + 1) * coverage);
            if (rank > count) {
                return Calibrated.UNKNOWN;
            }
            double[] sorted = Arrays.copyOf(ring, count);
            Arrays.sort(sorted);
            double bound = sorted[rank - 1];
            double tight = bound - Math.log1p(tolerance);
            int servedWell = 0;
            for (double residual : sorted) {
                if (residual >= tight && residual <= bound) {
                    servedWell++;
                }
            }
            return new Calibrated(bound, servedWell / (count + priorWeight));
        }
    }
}
