package dev.foresight.evaluate.workflow;

import dev.foresight.predict.workflow.ActionObservation;

/**
 * One task of a recorded workflow run: what it asked for and what it used.
 *
 * @param requestedMb memory the workflow definition requested
 * @param peakMb      peak resident memory: an allocation below it fails the task
 * @param ioMb        bytes read and written, standing in for the network volume
 */
public record TraceTask(String process, double requestedMb, double peakMb, double cpuCores, double realtimeMs,
                        double ioMb, long startMs, long completeMs) {

    /** What the predictors learn from once the task has completed. Cost is not in the traces. */
    public ActionObservation observation() {
        return new ActionObservation(process, cpuCores, peakMb, ioMb, 0, realtimeMs);
    }
}
