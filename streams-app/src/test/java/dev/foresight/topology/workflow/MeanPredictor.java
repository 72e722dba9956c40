package dev.foresight.topology.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import dev.foresight.predict.workflow.NextActionPredictor;
import dev.foresight.predict.workflow.ResourcePrediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test double: predicts the mean of every action of the same type it has learned, with a fixed
 * confidence once it has seen that type (0 before). Deterministic, and its checkpoint is its means.
 */
final class MeanPredictor implements NextActionPredictor {

    private final double confidence;
    private final Map<String, double[]> sums = new TreeMap<>();

    MeanPredictor(double confidence) {
        this.confidence = confidence;
    }

    @Override
    public ResourcePrediction predict(String workflowType, List<ActionObservation> history, String nextActionType) {
        double[] s = sums.get(nextActionType);
        if (s == null) {
            return new ResourcePrediction(workflowType, nextActionType, 0, 0, 0, 0, 0, 0, version());
        }
        double n = s[5];
        return new ResourcePrediction(workflowType, nextActionType, s[0] / n, s[1] / n, s[2] / n, s[3] / n, s[4] / n,
                confidence, version());
    }

    @Override
    public void learn(String workflowType, List<ActionObservation> history, ActionObservation actual) {
        double[] s = sums.computeIfAbsent(actual.actionType(), t -> new double[6]);
        s[0] += actual.cpuCores();
        s[1] += actual.memoryMb();
        s[2] += actual.networkMb();
        s[3] += actual.cost();
        s[4] += actual.durationMs();
        s[5] += 1;
    }

    @Override
    public byte[] checkpoint() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(sums.size());
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                out.writeUTF(e.getKey());
                for (double v : e.getValue()) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void restore(byte[] checkpoint) {
        sums.clear();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
            int types = in.readInt();
            for (int t = 0; t < types; t++) {
                String type = in.readUTF();
                double[] s = new double[6];
                for (int i = 0; i < s.length; i++) {
                    s[i] = in.readDouble();
                }
                sums.put(type, s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String version() {
        return "mean-test";
    }
}
