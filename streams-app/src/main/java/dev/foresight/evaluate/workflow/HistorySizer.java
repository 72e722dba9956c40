package dev.foresight.evaluate.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Baselines that size a task from the peaks its task type reached so far in the run, and ask for what
 * the workflow definition requested until the type has completed once. Retrying a failed task with
 * doubled memory is the replay's part, common to every method.
 */
final class HistorySizer implements MemorySizer {

    private final String name;
    private final ToDoubleFunction<double[]> rule;
    private final Map<String, double[]> peaksByType = new HashMap<>();
    private final Map<String, Integer> countByType = new HashMap<>();

    private HistorySizer(String name, ToDoubleFunction<double[]> rule) {
        this.name = name;
        this.rule = rule;
    }

    /** What the workflow definition requested: today's default. */
    static MemorySizer requested() {
        return new HistorySizer("requested", peaks -> Double.NaN);
    }

    static MemorySizer lastValue() {
        return new HistorySizer("last-value", peaks -> peaks[peaks.length - 1]);
    }

    static MemorySizer runningP95() {
        return new HistorySizer("running-p95", peaks -> {
            double[] sorted = peaks.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
        });
    }

    /** Witt et al.'s feedback sizing: the largest peak seen so far. */
    static MemorySizer wittMax() {
        return new HistorySizer("witt-max", peaks -> Arrays.stream(peaks).max().orElseThrow());
    }

    /** Witt et al.'s feedback sizing with a spread: mean plus two standard deviations of the peaks. */
    static MemorySizer wittMeanPlus2Sd() {
        return new HistorySizer("witt-mean+2sd", peaks -> {
            double mean = Arrays.stream(peaks).average().orElseThrow();
            double variance = Arrays.stream(peaks).map(p -> (p - mean) * (p - mean)).average().orElseThrow();
            return mean + 2 * Math.sqrt(variance);
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double allocateMb(TraceTask task, List<ActionObservation> completed) {
        int count = countByType.getOrDefault(task.process(), 0);
        if (count == 0) {
            return task.requestedMb();
        }
        double sized = rule.applyAsDouble(Arrays.copyOf(peaksByType.get(task.process()), count));
        return Double.isNaN(sized) ? task.requestedMb() : sized;
    }

    @Override
    public void learn(TraceTask task, List<ActionObservation> completedBeforeStart) {
        int count = countByType.getOrDefault(task.process(), 0);
        double[] peaks = peaksByType.computeIfAbsent(task.process(), type -> new double[16]);
        if (count == peaks.length) {
            peaks = Arrays.copyOf(peaks, 2 * count);
            peaksByType.put(task.process(), peaks);
        }
        peaks[count] = task.peakMb();
        countByType.put(task.process(), count + 1);
    }
}
