package dev.foresight.domain.signals;

import dev.foresight.domain.StateBytes;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One series' online detector plus its alert state with hysteresis: the alert is raised by a score at
 * or above {@link OnlineAnomalyDetector#ALERT} and cleared only after {@code clearAfter} scores in a
 * row below {@code clearBelow}, so a series hovering at the threshold does not flap.
 */
public final class SeriesWatch {

    /** What one value did to the alert. */
    public enum Transition { NONE, RAISED, CLEARED }

    /** The score of one value and what it did to the alert. */
    public record Observation(double score, boolean alerting, Transition transition) {
    }

    private final OnlineAnomalyDetector detector;
    private final double clearBelow;
    private final int clearAfter;
    private boolean alerting;
    private int calm;

    public SeriesWatch(DetectorSettings settings, double clearBelow, int clearAfter) {
        this(new OnlineAnomalyDetector(settings), clearBelow, clearAfter);
    }

    private SeriesWatch(OnlineAnomalyDetector detector, double clearBelow, int clearAfter) {
        if (clearBelow <= 0 || clearBelow > OnlineAnomalyDetector.ALERT || clearAfter < 1) {
            throw new IllegalArgumentException("clear below must be in (0, alert] and clear after ≥ 1");
        }
        this.detector = detector;
        this.clearBelow = clearBelow;
        this.clearAfter = clearAfter;
    }

    public Observation observe(double value) {
        double score = detector.score(value);
        if (score >= OnlineAnomalyDetector.ALERT) {
            calm = 0;
            boolean raised = !alerting;
            alerting = true;
            return new Observation(score, true, raised ? Transition.RAISED : Transition.NONE);
        }
        calm = score < clearBelow ? calm + 1 : 0;
        if (alerting && calm >= clearAfter) {
            alerting = false;
            return new Observation(score, false, Transition.CLEARED);
        }
        return new Observation(score, alerting, Transition.NONE);
    }

    public boolean alerting() {
        return alerting;
    }

    public byte[] toBytes() {
        return StateBytes.encode(out -> {
            out.writeBoolean(alerting);
            out.writeInt(calm);
            detector.writeTo(out);
        });
    }

    public static SeriesWatch fromBytes(DetectorSettings settings, double clearBelow, int clearAfter, byte[] state) {
        if (state.length < 5) {
            throw new IllegalArgumentException("unreadable series watch state");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            boolean alerting = in.readBoolean();
            int calm = in.readInt();
            OnlineAnomalyDetector detector =
                    OnlineAnomalyDetector.fromBytes(settings, Arrays.copyOfRange(state, 5, state.length));
            SeriesWatch watch = new SeriesWatch(detector, clearBelow, clearAfter);
            watch.alerting = alerting;
            watch.calm = calm;
            return watch;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable series watch state: " + e.getMessage(), e);
        }
    }
}
