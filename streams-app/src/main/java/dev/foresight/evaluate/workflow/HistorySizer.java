package dev.foresight.evaluate.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Baselines that size a task from the peaks its task type reached so far in the run, and ask for what
 * the workflow definition requested (or the platform default, if it requested nothing) until the type has
 * completed once. Retrying a failed task with doubled memory is the replay's part, common to every method.
 */
final class HistorySizer implements MemorySizer {

    private final String name;
    private final double unrequestedMb;
    private final ToDoubleFunction<double[]> rule;
    private final Map<String, double[]> peaksByType = new HashMap<>();
    private final Map<String, Integer> countByType = new HashMap<>();

    private HistorySizer(String name, double unrequestedMb, ToDoubleFunction<double[]> rule) {
        this.name = name;
        this.unrequestedMb = unrequestedMb;
        this.rule = rule;
    }

    /** What the workflow definition requested: today's default. */
    static MemorySizer requested(double unrequestedMb) {
        return new HistorySizer("requested", unrequestedMb, peaks -> Double.NaN);
    }

    static MemorySizer lastValue(double unrequestedMb) {
        return new HistorySizer("last-value", unrequestedMb, peaks -> peaks[peaks.length - 1]);
    }

    static MemorySizer runningP95(double unrequestedMb) {
        return new HistorySizer("running-p95", unrequestedMb, peaks -> {
            double[] sorted = peaks.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
        });
    }

    /** Witt et al.'s feedback sizing: the largest peak seen so far. */
    static MemorySizer wittMax(double unrequestedMb) {
        return new HistorySizer("witt-max", unrequestedMb, peaks -> Arrays.stream(peaks).max().orElseThrow());
    }

    /** Witt et al.'s feedback sizing with a spread: mean plus two standard deviations of the peaks. */
    static MemorySizer wittMeanPlus2Sd(double unrequestedMb) {
        return new HistorySizer("witt-mean+2sd", unrequestedMb, peaks -> {
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
            return task.askedMb(unrequestedMb);
        }
        double sized = rule.applyAsDouble(Arrays.copyOf(peaksByType.get(task.process()), count));
        return Double.isNaN(sized) ? task.askedMb(unrequestedMb) : sized;
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
