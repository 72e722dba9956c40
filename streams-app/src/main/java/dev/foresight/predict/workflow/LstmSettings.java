package dev.foresight.predict.workflow;

/**
 * Tunables of {@link LstmNextActionPredictor}.
 *
 * @param hiddenUnits       LSTM width
 * @param window            completed actions the network reads before each prediction
 * @param typeBuckets       action types are hashed into this many one-hot buckets
 * @param lookback          how far back in a history to look for earlier actions of the next action's type
 * @param batchSize         new examples that trigger a training step; the step also replays as many old ones
 * @param maxBatch          most new examples one training step takes: when completions arrive faster than
 *                          steps finish, steps grow (a step's cost is mostly fixed per-op overhead)
 * @param replayCapacity    examples kept for replay
 * @param learningRate      Adam step size
 * @param seed              weight initialisation and replay sampling
 * @param coverage          share of actions whose memory the upper bound should cover (conformal quantile)
 * @param tolerance         how much more than an action used its bound may reserve and still serve it well
 * @param calibrationWindow recent residuals kept per action type; a bound at the coverage needs
 *                          {@code coverage / (1 - coverage)} of them
 * @param priorWeight       pseudo-count of ill-served actions every action type starts with (cold start)
 */
public record LstmSettings(
        int hiddenUnits, int window, int typeBuckets, int lookback,
        int batchSize, int maxBatch, int replayCapacity, double learningRate, long seed,
        double coverage, double tolerance, int calibrationWindow, double priorWeight) {

    public static LstmSettings defaults() {
        return new LstmSettings(16, 8, 16, 256, 32, 256, 4096, 5e-3, 42L, 0.95, 0.2, 50, 5);
    }
}
