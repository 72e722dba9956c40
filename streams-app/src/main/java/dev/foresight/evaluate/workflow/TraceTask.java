package dev.foresight.evaluate.workflow;

import dev.foresight.predict.workflow.ActionObservation;

/**
 * One task of a recorded workflow run: what it asked for and what it used.
 *
 * @param requestedMb memory the workflow definition requested; NaN if the record does not say
 * @param peakMb      peak resident memory: an allocation below it fails the task
 * @param ioMb        bytes read and written, standing in for the network volume
 */
public record TraceTask(String process, double requestedMb, double peakMb, double cpuCores, double realtimeMs,
                        double ioMb, long startMs, long completeMs) {

    boolean requested() {
        return !Double.isNaN(requestedMb);
    }

    /** What the task asked for: its request, or what the platform gives a task that requests nothing. */
    double askedMb(double unrequestedMb) {
        return requested() ? requestedMb : unrequestedMb;
    }

    /** What the predictors learn from once the task has completed. Cost is not in the traces. */
    public ActionObservation observation() {
        return new ActionObservation(process, cpuCores, peakMb, ioMb, 0, realtimeMs);
    }
}
