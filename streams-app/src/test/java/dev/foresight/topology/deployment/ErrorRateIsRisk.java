package dev.foresight.topology.deployment;

import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.predict.risk.RiskModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A deterministic model for topology tests: a host's risk is its window's error rate. Records what it learns. */
final class ErrorRateIsRisk implements RiskModel {

    private static final int ERROR_RATE = HostFeatures.index("error_rate");

    final List<Boolean> labels = new ArrayList<>();
    private int restoredUpdates;

    @Override
    public double score(double[] features) {
        return features[ERROR_RATE];
    }

    @Override
    public void learn(double[] features, boolean failed) {
        labels.add(failed);
    }

    @Override
    public String version() {
        return "error-rate@" + updates();
    }

    @Override
    public byte[] checkpoint() {
        return ByteBuffer.allocate(Integer.BYTES).putInt(updates()).array();
    }

    @Override
    public void restore(byte[] checkpoint) {
        restoredUpdates = ByteBuffer.wrap(checkpoint).getInt();
    }

    int updates() {
        return restoredUpdates + labels.size();
    }
}
