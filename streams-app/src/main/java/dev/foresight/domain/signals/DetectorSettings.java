package dev.foresight.domain.signals;

/**
 * Settings of {@link OnlineAnomalyDetector}; one set for every series (NAB allows no per-file tuning).
 *
 * @param baselineLength    values in the baseline mean and deviation of the level checks
 * @param recentLength      values in the recent level and spread compared with the baseline
 * @param historyLength     past surprises a new surprise is compared with
 * @param averagedSurprises surprises averaged before the comparison, so a single odd value counts less
 * @param levelWarmup       values before the level checks may score
 * @param learningValues    values the detector only learns from (NAB's probation when evaluating); they
 *                          also set the resonance view's time scale and value range
 * @param categories        most shape categories the resonance view remembers (the least recently
 *                          matched is forgotten first)
 * @param levelAlert        level log-likelihood that counts as an alert
 * @param rangeTolerance    how far past the range seen so far, as a fraction of it, a value alerts
 * @param quietAfterAlert   values scored 0 after an alert: one event is reported once
 * @param strongerBy        how much higher than the last alert a score must be to alert during the quiet
 */
public record DetectorSettings(int baselineLength, int recentLength, int historyLength, int averagedSurprises,
                               int levelWarmup, int learningValues, int categories, double levelAlert,
                               double rangeTolerance, int quietAfterAlert, double strongerBy) {

    public DetectorSettings {
        for (int value : new int[] {baselineLength, recentLength, historyLength, averagedSurprises, categories}) {
            if (value < 1) {
                throw new IllegalArgumentException("detector lengths must be positive");
            }
        }
        if (levelWarmup < 0 || learningValues < 0 || quietAfterAlert < 0 || strongerBy < 0 || levelAlert <= 0
                || rangeTolerance < 0) {
            throw new IllegalArgumentException("detector warm-ups, alerts and quiet periods must not be negative");
        }
    }

    /**
     * The one configuration evaluated on NAB; learning lasts NAB's longest probation (750 values). The level
     * view alerts at a log-likelihood of 5/7 (it was 0.5 with the retired pattern view; the value was chosen
     * by nested leave-one-out among 20 fusions, see the README).
     */
    public static DetectorSettings defaults() {
        return new DetectorSettings(1000, 10, 2000, 5, 300, 750, 500, 5.0 / 7, 0.02, 200, 0.4);
    }

    /**
     * The same detector sized for the live series store, where its whole state is written to a changelog
     * once a minute per series: shorter baselines (≈ 8 h of minutes), 200 shape categories, learning for
     * 4 h and one hour of quiet after an alert. Not the NAB-evaluated configuration.
     */
    public static DetectorSettings live() {
        return new DetectorSettings(500, 10, 500, 5, 120, 240, 200, 5.0 / 7, 0.02, 60, 0.4);
    }

    public DetectorSettings withLearningValues(int values) {
        return new DetectorSettings(baselineLength, recentLength, historyLength, averagedSurprises, levelWarmup,
                values, categories, levelAlert, rangeTolerance, quietAfterAlert, strongerBy);
    }
}
