package dev.foresight.evaluate.workflow;

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

/**
 * The online LSTM, called as the shadowing topology calls it, proposing twice: {@value #LSTM} is the model
 * alone (its calibrated memory bound, at most the request; the request while it cannot bound its error),
 * {@value #RULES} is the allocation planner's choice between the model and its fallback rules. Training runs
 * inline (after every batch of completions) so the replay is deterministic.
 */
final class LstmSizers implements MemorySizer, AutoCloseable {

    static final String LSTM = "lstm";
    static final String RULES = "lstm+fallback";

    private final String workflowType;
    private final double unrequestedMb;
    private final LstmNextActionPredictor predictor;
    private final AllocationPlanner planner;
    private final AllocationPolicy policy;
    private final Map<String, List<Resources>> recentByType = new HashMap<>();

    LstmSizers(String workflowType, LstmSettings settings, AllocationPolicy policy) {
        this.workflowType = workflowType;
        this.unrequestedMb = policy.defaultAllocation().memoryMb();
        this.predictor = new LstmNextActionPredictor(settings, Runnable::run);
        this.planner = new AllocationPlanner(policy);
        this.policy = policy;
    }

    @Override
    public List<String> names() {
        return List.of(LSTM, RULES);
    }

    @Override
    public double[] proposeMb(TraceTask task, List<ActionObservation> completed) {
        ResourcePrediction prediction = predictor.predict(workflowType, completed, task.process());
        Optional<Resources> requested = task.requested()
                ? Optional.of(new Resources(0, task.requestedMb(), 0, 0, 0))
                : Optional.empty();
        double planned = planner.plan(prediction, recentByType.getOrDefault(task.process(), List.of()), requested)
                .allocated().memoryMb();
        double bound = prediction.memoryUpperMb();
        double asked = task.askedMb(unrequestedMb);
        double model = Double.isFinite(bound) && bound > 0 ? Math.min(bound, task.requested() ? asked : bound) : asked;
        return new double[] {model, planned};
    }

    @Override
    public void learn(TraceTask task, List<ActionObservation> completedBeforeSubmit) {
        ActionObservation actual = task.observation();
        predictor.learn(workflowType, completedBeforeSubmit, actual);
        Resources used = new Resources(actual.cpuCores(), actual.memoryMb(), actual.networkMb(), actual.cost(),
                actual.durationMs());
        recentByType.put(task.process(), UsageQuantiles.appendBounded(
                recentByType.getOrDefault(task.process(), List.of()), used, policy.historyWindow()));
    }

    @Override
    public void close() {
        predictor.close();
    }
}
