package dev.foresight.topology.workflow;

import dev.foresight.predict.workflow.ResourcePrediction;
import dev.foresight.schema.state.PredictionSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses an action's allocation: the model's upper bound (prediction plus headroom) when it is
 * confident enough, else a quantile of what the same action type actually used recently, else what the
 * action requested, else a configured default.
 */
public final class AllocationPlanner {

    public static final String MODEL = "next-action-model";
    public static final String FALLBACK_REQUESTED = "fallback-requested";
    public static final String FALLBACK_DEFAULT = "fallback-default";

    private final AllocationPolicy policy;
    private final String quantileRule;

    public AllocationPlanner(AllocationPolicy policy) {
        this.policy = policy;
        this.quantileRule = "fallback-p" + Math.round(policy.fallbackQuantile() * 100);
    }

    /**
     * @param recent    actual usage of recent actions of the same workflow and action type, oldest first
     * @param requested what the action itself asked for, if it said
     */
    public AllocationPlan plan(ResourcePrediction prediction, List<Resources> recent, Optional<Resources> requested) {
        Map<String, Double> inputs = new LinkedHashMap<>();
        Resources predicted = Resources.of(prediction).atLeastZero();
        predicted.putInto(inputs, "model.");
        inputs.put("model.confidence", prediction.confidence());
        inputs.put("history.samples", (double) recent.size());
        requested.ifPresent(r -> r.putInto(inputs, "requested."));
        Map<String, Double> thresholds = Map.of(
                "confidence", policy.confidenceThreshold(), "modelHeadroom", policy.modelHeadroom(),
                "fallbackQuantile", policy.fallbackQuantile(), "minHistory", (double) policy.minHistory());
        double confidence = prediction.confidence();
        String why = String.format(Locale.ROOT, "model confidence %.2f %s %.2f: ", confidence,
                confidence >= policy.confidenceThreshold() ? ">=" : "<", policy.confidenceThreshold());

        if (confidence >= policy.confidenceThreshold()) {
            return modelPlan(prediction, predicted, inputs, thresholds, why);
        }
        if (recent.size() >= policy.minHistory()) {
            Resources quantile = UsageQuantiles.quantile(recent, policy.fallbackQuantile());
            quantile.putInto(inputs, "history.quantile.");
            return fallback(quantileRule, "last-" + policy.historyWindow(), confidence, quantile, inputs, thresholds,
                    why + "reserve the " + quantileRule.substring("fallback-".length()) + " of the last "
                            + recent.size() + " actual usages of this action type");
        }
        if (requested.isPresent()) {
            return fallback(FALLBACK_REQUESTED, "1", confidence, requested.get(), inputs, thresholds,
                    why + "too little history (" + recent.size() + " samples), reserve what the action requested");
        }
        return fallback(FALLBACK_DEFAULT, "1", confidence, policy.defaultAllocation(), inputs, thresholds,
                why + "too little history (" + recent.size() + " samples) and no request, reserve the default");
    }

    /**
     * The model's upper bound: its calibrated memory bound when it gives one above its point estimate,
     * and for every other resource (or without a bound) the point estimate plus the configured headroom.
     */
    private AllocationPlan modelPlan(ResourcePrediction prediction, Resources predicted, Map<String, Double> inputs,
                                     Map<String, Double> thresholds, String why) {
        Resources raised = predicted.scaled(1 + policy.modelHeadroom());
        String headroom = String.format(Locale.ROOT, "%.0f%% headroom", policy.modelHeadroom() * 100);
        double bound = prediction.memoryUpperMb();
        if (Double.isFinite(bound) && bound > predicted.memoryMb()) {
            inputs.put("model.memoryUpperMb", bound);
            Resources allocated = new Resources(raised.cpuCores(), bound, raised.networkMb(), raised.cost(),
                    raised.durationMs());
            return new AllocationPlan(PredictionSource.MODEL, MODEL, prediction.modelVersion(),
                    prediction.confidence(), predicted, allocated, inputs, thresholds,
                    why + "reserve its calibrated memory bound, and its prediction plus " + headroom + " otherwise");
        }
        return new AllocationPlan(PredictionSource.MODEL, MODEL, prediction.modelVersion(), prediction.confidence(),
                predicted, raised, inputs, thresholds, why + "reserve its prediction plus " + headroom);
    }

    private static AllocationPlan fallback(String rule, String version, double confidence, Resources estimate,
                                           Map<String, Double> inputs, Map<String, Double> thresholds, String why) {
        return new AllocationPlan(PredictionSource.FALLBACK, rule, version, confidence, estimate, estimate,
                inputs, thresholds, why);
    }
}
