package dev.foresight.evaluate.anomaly;

/** One NAB application profile: the weights of a detected window, a missed window and a false positive. */
public record NabProfile(String name, double tpWeight, double fnWeight, double fpWeight) {

    public static final String STANDARD = "standard";
    public static final String LOW_FP = "reward_low_FP_rate";
    public static final String LOW_FN = "reward_low_FN_rate";
}
