package dev.foresight.evaluate.workflow;

import dev.foresight.predict.workflow.ActionObservation;

/**
 * One completed task of a recorded workflow run: what it asked for and what it used. Only tasks that
 * completed with a peak and a runtime above zero are kept: the others cannot be scored.
 *
 * @param requestedMb memory the workflow definition requested; NaN if the record does not say
 * @param peakMb      peak resident memory: an allocation below it fails the task
 * @param cpuCores    average cores used; NaN if the record does not say
 * @param ioMb        bytes read and written, standing in for the network volume; 0 if not recorded
 * @param submitMs    when the task was submitted: it is sized then, from the tasks completed by then
 * @param inputMb     the size of the task's input, known at submit; NaN if the record does not say
 */
public record TraceTask(String process, double requestedMb, double peakMb, double cpuCores, double realtimeMs,
                        double ioMb, long submitMs, long completeMs, double inputMb) {

    public TraceTask {
        if (!(peakMb > 0) || !(realtimeMs > 0)) {
            throw new IllegalArgumentException("a scored task needs a peak and a runtime above 0: " + process);
        }
    }

    /** A task whose record has no input size. */
    public TraceTask(String process, double requestedMb, double peakMb, double cpuCores, double realtimeMs,
                     double ioMb, long submitMs, long completeMs) {
        this(process, requestedMb, peakMb, cpuCores, realtimeMs, ioMb, submitMs, completeMs, Double.NaN);
    }

    boolean requested() {
        return requestedMb > 0;
    }

    /** What the task asked for: its request, or what the platform gives a task that requests nothing. */
    double askedMb(double unrequestedMb) {
        return requested() ? requestedMb : unrequestedMb;
    }

    /** What the predictors learn from once the task has completed. Cost is not in the traces. */
    public ActionObservation observation() {
        return new ActionObservation(process, Double.isNaN(cpuCores) ? 0 : cpuCores, peakMb, ioMb, 0, realtimeMs);
    }
}
