package dev.foresight.domain.signals;

/**
 * Settings of {@link OnlineAnomalyDetector}; one set for every series (NAB allows no per-file tuning).
 *
 * @param baselineLength   values in the baseline mean and deviation of the level checks
 * @param recentLength     values in the recent level and spread compared with the baseline
 * @param historyLength    past surprises a new surprise is compared with
 * @param averagedSurprises surprises averaged before the comparison, so a single odd value counts less
 * @param levelWarmup      values before the level checks may score
 * @param learningValues   values before pattern novelty may score (NAB's probation when evaluating)
 * @param blocks           blocks of the pattern window
 * @param blockLength      values averaged into one block
 * @param patternMemory    past pattern windows kept for the nearest-neighbour search
 * @param levelAlert       level log-likelihood that counts as an alert
 * @param noveltyAlert     pattern novelty that counts as an alert
 * @param quietAfterAlert  values scored 0 after an alert: one event is reported once
 * @param strongerBy       how much higher than the last alert a score must be to alert during the quiet
 */
public record DetectorSettings(int baselineLength, int recentLength, int historyLength, int averagedSurprises,
                               int levelWarmup, int learningValues, int blocks, int blockLength,
                               int patternMemory, double levelAlert, double noveltyAlert, int quietAfterAlert,
                               double strongerBy) {

    public DetectorSettings {
        for (int value : new int[] {baselineLength, recentLength, historyLength, averagedSurprises, blocks,
                blockLength, patternMemory}) {
            if (value < 1) {
                throw new IllegalArgumentException("detector lengths must be positive");
            }
        }
        if (levelWarmup < 0 || learningValues < 0 || quietAfterAlert < 0 || strongerBy < 0 || levelAlert <= 0 || noveltyAlert <= 0) {
            throw new IllegalArgumentException("detector warm-ups, alerts and quiet periods must not be negative");
        }
    }

    /** The one configuration evaluated on NAB; learning lasts NAB's longest probation (750 values). */
    public static DetectorSettings defaults() {
        return new DetectorSettings(1000, 10, 2000, 5, 300, 750, 16, 2, 3000, 0.5, 0.2, 500, 0.4);
    }

    /**
     * The same detector sized for the live series store, where its whole state is written to a changelog
     * once a minute per series: ≈ 50 kB instead of ≈ 250 kB. Shorter baselines (≈ 8 h of minutes), 300
     * remembered windows, learning for 4 h and one hour of quiet after an alert. Not the NAB-evaluated
     * configuration.
     */
    public static DetectorSettings live() {
        return new DetectorSettings(500, 10, 500, 5, 120, 240, 16, 2, 300, 0.5, 0.2, 60, 0.4);
    }

    public DetectorSettings withLearningValues(int values) {
        return new DetectorSettings(baselineLength, recentLength, historyLength, averagedSurprises, levelWarmup,
                values, blocks, blockLength, patternMemory, levelAlert, noveltyAlert, quietAfterAlert, strongerBy);
    }
}
