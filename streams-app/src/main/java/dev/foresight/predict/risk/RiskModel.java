package dev.foresight.predict.risk;

/**
 * Online estimate of the probability that a host fails its deployment, from named numeric features.
 * Sensible before it has seen any outcome (a prior), and learns from each outcome. No Kafka types.
 */
public interface RiskModel {

    /** Probability of failure in [0, 1]. */
    double score(double[] features);

    void learn(double[] features, boolean failed);

    String version();

    byte[] checkpoint();

    void restore(byte[] checkpoint);
}
