package dev.foresight.evaluate.deployment;

/** How one predictor did on one project: ranking quality (AUC) and its online decisions. */
public record PredictorResult(String predictor, double auc, Confusion confusion) {
}
