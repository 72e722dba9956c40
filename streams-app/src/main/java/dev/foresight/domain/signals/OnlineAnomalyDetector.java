package dev.foresight.domain.signals;

import dev.foresight.domain.StateBytes;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Online anomaly score of one series, one value at a time, in [0, 1]: 0.5 and above is an alert.
 * Two views are combined, each scaled so that its own alert level maps to 0.5: the level view
 * ({@link LevelSurprise}: spikes, shifts, flat or noisy stretches, jumps) and the shape view
 * ({@link PatternNovelty}: a pattern never seen before). After an alert the detector stays quiet for
 * {@code quietAfterAlert} values, since NAB counts only the first detection of an event and every
 * repeat outside the labelled window is a false positive; only a clearly stronger score (by
 * {@code strongerBy}) breaks the quiet, as a new event.
 */
public final class OnlineAnomalyDetector {

    /** Scores at or above this are alerts. */
    public static final double ALERT = 0.5;

    private static final int STATE_VERSION = 1;

    private final DetectorSettings settings;
    private final LevelSurprise level;
    private final PatternNovelty novelty;
    private int quiet;
    private double lastAlert;

    public OnlineAnomalyDetector(DetectorSettings settings) {
        this.settings = settings;
        this.level = new LevelSurprise(settings);
        this.novelty = new PatternNovelty(settings);
    }

    /** Learns {@code value} and returns its anomaly score. Non-finite values are rejected. */
    public double score(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite value: " + value);
        }
        double levelScore = level.update(value) / settings.levelAlert();
        double noveltyScore = novelty.update(value) / settings.noveltyAlert();
        double score = Math.min(1, ALERT * Math.max(levelScore, noveltyScore));
        if (quiet > 0) {
            quiet--;
            if (score < lastAlert + settings.strongerBy()) {
                return 0;
            }
        } else if (score < ALERT) {
            return score;
        }
        quiet = settings.quietAfterAlert();
        lastAlert = score;
        return score;
    }

    /** The detector's whole state, to keep in a state store; read back with {@link #fromBytes}. */
    public byte[] toBytes() {
        return StateBytes.encode(this::writeTo);
    }

    /** What {@link #toBytes} holds, written into a larger state (a series' watch) without a copy. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        level.writeTo(out);
        novelty.writeTo(out);
        out.writeInt(quiet);
        out.writeDouble(lastAlert);
    }

    /** A detector restored from {@link #toBytes}; the settings must be those it was written with. */
    public static OnlineAnomalyDetector fromBytes(DetectorSettings settings, byte[] state) {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(settings);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != STATE_VERSION) {
                throw new IOException("unknown detector state version");
            }
            detector.level.readFrom(in);
            detector.novelty.readFrom(in);
            detector.quiet = in.readInt();
            detector.lastAlert = in.readDouble();
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable detector state: " + e.getMessage(), e);
        }
        return detector;
    }
}
