package dev.foresight.domain.builds;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** A started build awaiting its outcome: what it was scored on, and the score. */
public record PendingBuild(double score, Map<String, Double> features) {

    public PendingBuild {
        features = Map.copyOf(features);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeDouble(score);
            out.writeInt(features.size());
            for (Map.Entry<String, Double> feature : features.entrySet()) {
                out.writeUTF(feature.getKey());
                out.writeDouble(feature.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static PendingBuild fromBytes(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            double score = in.readDouble();
            Map<String, Double> features = new HashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                features.put(in.readUTF(), in.readDouble());
            }
            return new PendingBuild(score, features);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable pending build: " + e.getMessage(), e);
        }
    }
}
