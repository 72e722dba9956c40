package dev.foresight.evaluate.deployment;

/**
 * How one predictor did on one project: ranking quality (AUC) and its online decisions.
 *
 * @param rule how it decided to alert (its threshold settings, or its natural rule)
 */
public record PredictorResult(String predictor, String rule, double auc, Confusion confusion) {
}
