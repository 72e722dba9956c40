package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.AllocationPlan;
import dev.foresight.domain.workflow.AllocationPlanner;
import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.domain.workflow.Resources;
import dev.foresight.domain.workflow.UsageQuantiles;
import dev.foresight.predict.workflow.ActionObservation;
import dev.foresight.predict.workflow.LstmNextActionPredictor;
import dev.foresight.predict.workflow.LstmSettings;
import dev.foresight.predict.workflow.ResourcePrediction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Our method, called as the shadowing topology calls it: the LSTM predicts from the run's completed
 * tasks, the allocation planner decides from that prediction, the type's recent usage and the task's
 * request (none if the record has none, as for an action started without one), and both learn from each
 * completion. Training runs inline (after every batch of completions) so the replay is deterministic.
 */
final class LstmSizer implements MemorySizer, AutoCloseable {

    static final String NAME = "lstm+fallback";

    private final String workflowType;
    private final LstmNextActionPredictor predictor;
    private final AllocationPlanner planner;
    private final AllocationPolicy policy;
    private final Map<String, List<Resources>> recentByType = new HashMap<>();
    private final Map<String, Long> decisions = new TreeMap<>();

    LstmSizer(String workflowType, LstmSettings settings, AllocationPolicy policy) {
        this.workflowType = workflowType;
        this.predictor = new LstmNextActionPredictor(settings, Runnable::run);
        this.planner = new AllocationPlanner(policy);
        this.policy = policy;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double allocateMb(TraceTask task, List<ActionObservation> completed) {
        ResourcePrediction prediction = predictor.predict(workflowType, completed, task.process());
        Optional<Resources> requested = task.requested()
                ? Optional.of(new Resources(task.cpuCores(), task.requestedMb(), 0, 0, 0))
                : Optional.empty();
        AllocationPlan plan = planner.plan(prediction, recentByType.getOrDefault(task.process(), List.of()), requested);
        decisions.merge(plan.madeBy(), 1L, Long::sum);
        return plan.allocated().memoryMb();
    }

    @Override
    public void learn(TraceTask task, List<ActionObservation> completedBeforeStart) {
        ActionObservation actual = task.observation();
        predictor.learn(workflowType, completedBeforeStart, actual);
        Resources used = new Resources(actual.cpuCores(), actual.memoryMb(), actual.networkMb(), actual.cost(),
                actual.durationMs());
        recentByType.put(task.process(), UsageQuantiles.appendBounded(
                recentByType.getOrDefault(task.process(), List.of()), used, policy.historyWindow()));
    }

    @Override
    public Map<String, Long> decisions() {
        return decisions;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
