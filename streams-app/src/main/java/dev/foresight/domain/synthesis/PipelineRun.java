package dev.foresight.domain.synthesis;

import java.time.Instant;
import java.util.List;

/** One reported run of a pipeline version, with the result of each stage. */
public record PipelineRun(String runId, Instant at, int version, boolean succeeded, List<StageRun> stages) {

    /** One stage of a run. */
    public record StageRun(String name, double durationSeconds, boolean succeeded, double cost) {
    }

    public double durationSeconds() {
        return stages.stream().mapToDouble(StageRun::durationSeconds).sum();
    }

    public double cost() {
        return stages.stream().mapToDouble(StageRun::cost).sum();
    }
}
