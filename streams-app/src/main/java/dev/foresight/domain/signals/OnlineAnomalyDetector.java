package dev.foresight.domain.signals;

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
}
