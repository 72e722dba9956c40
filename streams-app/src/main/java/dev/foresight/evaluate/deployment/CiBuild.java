package dev.foresight.evaluate.deployment;

/**
 * One CI build as the model sees it before it runs, and how it ended.
 *
 * @param features            encoded pre-build features, in the order of {@link CiBuildCsv#featureNames()}
 * @param previousBuildFailed the data set's own {@code prev_build_result}
 */
public record CiBuild(double[] features, boolean failed, boolean previousBuildFailed) {
}
