package dev.foresight.evaluate.deployment;

import java.util.List;

/** Every predictor's result on one project's builds, in the same order for every project. */
public record ProjectResult(String project, int builds, int failures, List<PredictorResult> predictors) {

    public ProjectResult {
        predictors = List.copyOf(predictors);
    }
}
