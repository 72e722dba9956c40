package dev.foresight.domain.workflow;

import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowWorkflow;

/**
 * Predicted against actual over one finished run's retained actions (a shadow keeps its newest
 * {@link Shadows#MAX_FINISHED_ACTIONS} finished ones; the rest are counted as archived).
 *
 * @param sized               completed actions that had an allocation
 * @param underAllocated      of those, how many used more memory or cpu than they were given
 * @param allocatedMemoryMbH  memory they were given × their runtime, MiB·h
 * @param usedMemoryMbH       the memory they used × their runtime, MiB·h
 * @param meanAbsWorstError   the mean magnitude of each action's worst relative error, in [0, 1]
 */
public record RunComparison(int sized, int underAllocated, double allocatedMemoryMbH, double usedMemoryMbH,
                            double meanAbsWorstError) {

    private static final double MS_PER_HOUR = 3_600_000.0;

    public static RunComparison of(ShadowWorkflow run) {
        int sized = 0;
        int under = 0;
        double allocated = 0;
        double used = 0;
        double error = 0;
        for (ShadowAction action : run.getActions()) {
            if (action.getPrediction() == null || action.getActual() == null) {
                continue;
            }
            sized++;
            Resources given = Resources.of(action.getPrediction().getAllocated());
            Resources actual = Resources.of(action.getActual());
            if (actual.memoryMb() > given.memoryMb() || actual.cpuCores() > given.cpuCores()) {
                under++;
            }
            double hours = actual.durationMs() / MS_PER_HOUR;
            allocated += given.memoryMb() * hours;
            used += actual.memoryMb() * hours;
            error += action.getError() == null ? 0 : Math.abs(action.getError().getWorst());
        }
        return new RunComparison(sized, under, allocated, used, sized == 0 ? 0 : error / sized);
    }
}
