package dev.foresight.producers.sim;

import java.util.List;

/**
 * A kind of workflow: its stages in order, and how many samples/shards its parallel stages fan out to.
 *
 * @param weight how often this type is submitted relative to the others
 */
record WorkflowType(String name, List<ActionProfile> stages, int minWidth, int maxWidth, double weight) {

    static final List<WorkflowType> CATALOGUE = List.of(
            new WorkflowType("rnaseq", List.of(
                    new ActionProfile("fastqc", true, 1, 800, 500, 120, 1.0),
                    new ActionProfile("trim", true, 4, 2_000, 800, 300, 1.0),
                    new ActionProfile("align", true, 8, 30_000, 1_500, 1_200, 1.1),
                    new ActionProfile("quantify", true, 4, 6_000, 400, 400, 0.9),
                    new ActionProfile("multiqc", false, 1, 1_500, 100, 90, 0.5)), 2, 6, 0.4),
            new WorkflowType("etl", List.of(
                    new ActionProfile("extract", false, 2, 2_000, 5_000, 300, 1.0),
                    new ActionProfile("validate", true, 1, 1_000, 200, 60, 1.0),
                    new ActionProfile("transform", true, 4, 8_000, 1_000, 240, 1.0),
                    new ActionProfile("load", false, 2, 3_000, 4_000, 400, 1.0)), 4, 12, 0.4),
            new WorkflowType("ml-train", List.of(
                    new ActionProfile("prepare-data", false, 4, 16_000, 3_000, 600, 1.0),
                    new ActionProfile("feature-engineering", false, 8, 24_000, 500, 900, 1.0),
                    new ActionProfile("train", true, 16, 48_000, 200, 3_600, 1.2),
                    new ActionProfile("evaluate", true, 4, 8_000, 100, 300, 0.8),
                    new ActionProfile("register", false, 0.5, 512, 50, 20, 0.0)), 1, 3, 0.2));

    int expectedActions(int width) {
        return stages.stream().mapToInt(stage -> stage.parallel() ? width : 1).sum();
    }
}
