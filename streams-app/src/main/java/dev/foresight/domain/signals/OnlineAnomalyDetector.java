package dev.foresight.domain.signals;

import dev.foresight.domain.StateBytes;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Online anomaly score of one series, one value at a time, in [0, 1]: 0.5 and above is an alert.
 * Three views, the highest wins: the level view ({@link LevelSurprise}: spikes, shifts, flat or noisy
 * stretches, jumps, scaled so that its alert level maps to 0.5), the resonance view
 * ({@link ResonanceNovelty}: a shape never seen, at the series' own time scale; a novelty scores 0.3 plus
 * half its confidence) and the range check (a value more than {@code rangeTolerance} of the range past
 * every value seen so far scores 0.99, as Numenta's detector treats a new extreme). Nothing is scored
 * while learning. After an alert the detector stays quiet for {@code quietAfterAlert} values, since NAB
 * counts only the first detection of an event and every repeat outside the labelled window is a false
 * positive; only a clearly stronger score (by {@code strongerBy}) breaks the quiet, as a new event.
 */
public final class OnlineAnomalyDetector {

    /** Scores at or above this are alerts. */
    public static final double ALERT = 0.5;

    private static final int STATE_VERSION = 2;
    /** The format with the retired nearest-neighbour pattern view: read as a detector that starts over. */
    private static final int RETIRED_VERSION = 1;
    private static final double NOVELTY_FLOOR = 0.3;
    private static final double NOVELTY_SPAN = 0.5;
    private static final double NEW_EXTREME = 0.99;
    private static final int RANGE_WARMUP = 10;

    private final DetectorSettings settings;
    private final LevelSurprise level;
    private final ResonanceNovelty novelty;
    private long seen;
    private double low = Double.POSITIVE_INFINITY;
    private double high = Double.NEGATIVE_INFINITY;
    private int quiet;
    private double lastAlert;

    public OnlineAnomalyDetector(DetectorSettings settings) {
        this.settings = settings;
        this.level = new LevelSurprise(settings);
        this.novelty = new ResonanceNovelty(settings);
    }

    /** Learns {@code value} and returns its anomaly score. Non-finite values are rejected. */
    public double score(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite value: " + value);
        }
        double score = Math.min(1, ALERT * level.update(value) / settings.levelAlert());
        double confidence = novelty.update(value);
        if (confidence > 0) {
            score = Math.max(score, Math.min(1, NOVELTY_FLOOR + NOVELTY_SPAN * confidence));
        }
        if (isNewExtreme(value)) {
            score = Math.max(score, NEW_EXTREME);
        }
        low = Math.min(low, value);
        high = Math.max(high, value);
        if (++seen < settings.learningValues()) {
            return 0;
        }
        return afterQuiet(score);
    }

    private boolean isNewExtreme(double value) {
        double margin = settings.rangeTolerance() * (high - low);
        return seen > RANGE_WARMUP && (value > high + margin || value < low - margin);
    }

    private double afterQuiet(double score) {
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
        out.writeLong(seen);
        out.writeDouble(low);
        out.writeDouble(high);
        out.writeInt(quiet);
        out.writeDouble(lastAlert);
    }

    /**
     * A detector restored from {@link #toBytes}; the settings must be those it was written with. A state
     * of the retired format (before the resonance view) gives a new detector, which learns again.
     */
    public static OnlineAnomalyDetector fromBytes(DetectorSettings settings, byte[] state) {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(settings);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int version = in.readInt();
            if (version == RETIRED_VERSION) {
                return detector;
            }
            if (version != STATE_VERSION) {
                throw new IOException("unknown detector state version " + version);
            }
            detector.level.readFrom(in);
            detector.novelty.readFrom(in);
            detector.seen = in.readLong();
            detector.low = in.readDouble();
            detector.high = in.readDouble();
            detector.quiet = in.readInt();
            detector.lastAlert = in.readDouble();
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable detector state: " + e.getMessage(), e);
        }
        return detector;
    }
}
