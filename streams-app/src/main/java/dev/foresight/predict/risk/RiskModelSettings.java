package dev.foresight.predict.risk;

/**
 * Tunables of {@link OnlineRiskModel}.
 *
 * @param learningRate   AdaGrad base step
 * @param l2             pull of the learned weights toward zero and of the prior's trust toward one
 * @param imbalancePower 0 = no class weighting, 1 = fully balanced; in between tempers how much a rare
 *                       failure counts against the many successes
 * @param maxClassWeight cap on the weight of the rarer class, so the first failure cannot dominate
 * @param clip           standardized features are clipped to ±clip, so one outlier cannot swing the score
 */
public record RiskModelSettings(double learningRate, double l2, double imbalancePower, double maxClassWeight,
                                double clip) {

    public RiskModelSettings {
        if (learningRate <= 0 || l2 < 0 || imbalancePower < 0 || maxClassWeight < 1 || clip <= 0) {
            throw new IllegalArgumentException("invalid risk model settings: " + this);
        }
    }

    public static RiskModelSettings defaults() {
        return new RiskModelSettings(0.05, 0.05, 0.5, 10, 5);
    }
}
