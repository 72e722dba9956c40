package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.InputSizeRegression;
import dev.foresight.domain.workflow.MemoryRules;
import dev.foresight.predict.workflow.ActionObservation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Sizes a task from its input size ({@link InputSizeRegression}) over its type's completed tasks in the run,
 * with the two margins. Where the regression cannot answer (no input size, too few tasks with one) it falls
 * back to the type's largest peak, and to the request before the type has completed once.
 */
final class InputSizers implements MemorySizer {

    static final String MAX_RESIDUAL = "input-lr-max";
    static final String TWO_SD = "input-lr-2sd";
    static final String MAX_RATIO = "input-lr-ratio";
    static final String LOG_LOG = "input-loglog-max";
    static final String NEIGHBOURS = "input-neighbours";

    private static final InputSizeRegression.Margin[] MARGINS = InputSizeRegression.Margin.values();

    private final double unrequestedMb;
    private final Map<String, double[]> inputsByType = new HashMap<>();
    private final Map<String, double[]> peaksByType = new HashMap<>();
    private final Map<String, Integer> countByType = new HashMap<>();

    InputSizers(double unrequestedMb) {
        this.unrequestedMb = unrequestedMb;
    }

    @Override
    public List<String> names() {
        return List.of(MAX_RESIDUAL, TWO_SD, MAX_RATIO, LOG_LOG, NEIGHBOURS);
    }

    @Override
    public double[] proposeMb(TraceTask task, List<ActionObservation> completed) {
        int count = countByType.getOrDefault(task.process(), 0);
        if (count == 0) {
            double[] proposals = new double[MARGINS.length];
            Arrays.fill(proposals, task.askedMb(unrequestedMb));
            return proposals;
        }
        double[] inputs = inputsByType.get(task.process());
        double[] peaks = peaksByType.get(task.process());
        double max = MemoryRules.max(Arrays.copyOf(peaks, count));
        double[] proposals = new double[MARGINS.length];
        for (int m = 0; m < MARGINS.length; m++) {
            proposals[m] = orMax(InputSizeRegression.propose(inputs, peaks, count, task.inputMb(), MARGINS[m]), max);
        }
        return proposals;
    }

    private static double orMax(OptionalDouble proposal, double max) {
        return proposal.isPresent() ? proposal.getAsDouble() : max;
    }

    @Override
    public void learn(TraceTask task, List<ActionObservation> completedBeforeSubmit) {
        int count = countByType.getOrDefault(task.process(), 0);
        HistorySizers.append(inputsByType, task.process(), count, task.inputMb());
        HistorySizers.append(peaksByType, task.process(), count, task.peakMb());
        countByType.put(task.process(), count + 1);
    }
}
