package dev.foresight.domain.workflow;

import dev.foresight.predict.workflow.ResourcePrediction;
import dev.foresight.schema.state.PredictionSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses an action's allocation: the model's upper bound when it is confident enough; else, once the
 * action type has completed before, a quantile of what it used recently plus headroom; else, once enough
 * of the workflow's other action types have, the action's request scaled by a quantile of the share of
 * their request those types used (a workflow's requests are padded alike, so that share carries over to a
 * new type); else the request itself, or the configured default for an action that requested nothing.
 * Memory is never planned above a request: the action cannot use more than its limit.
 *
 * <p>The shares are learned from the plans themselves: whenever an action type with history is planned,
 * its largest recent memory over its request. They live in this planner, one per stream task, not in a
 * store: after a restart they are relearned from the next plans, and new types get their whole request
 * meanwhile. Not thread-safe.
 */
public final class AllocationPlanner {

    public static final String MODEL = "next-action-model";
    public static final String FALLBACK_SHARE = "fallback-share-of-request";
    public static final String FALLBACK_REQUESTED = "fallback-requested";
    public static final String FALLBACK_DEFAULT = "fallback-default";

    private static final int MAX_WORKFLOW_TYPES = 256;
    private static final int MAX_ACTION_TYPES = 1024;

    private final AllocationPolicy policy;
    private final String quantileName;
    private final Map<String, Double> thresholds;
    private final Map<String, Map<String, Double>> sharesByWorkflow = bounded(MAX_WORKFLOW_TYPES);

    public AllocationPlanner(AllocationPolicy policy) {
        this.policy = policy;
        this.quantileName = "p" + Math.round(policy.fallbackQuantile() * 100);
        this.thresholds = Map.of(
                "confidence", policy.confidenceThreshold(), "headroom", policy.headroom(),
                "fallbackQuantile", policy.fallbackQuantile(), "minTypes", (double) policy.minTypes());
    }

    /**
     * @param recent    actual usage of recent actions of the same workflow and action type, oldest first
     * @param requested what the action itself asked for, if it said
     */
    public AllocationPlan plan(ResourcePrediction prediction, List<Resources> recent, Optional<Resources> requested) {
        Map<String, Double> shares = sharesByWorkflow.computeIfAbsent(prediction.workflowType(),
                type -> bounded(MAX_ACTION_TYPES));
        double requestedMb = requested.map(Resources::memoryMb).orElse(0.0);
        if (!recent.isEmpty() && requestedMb > 0) {
            shares.put(prediction.actionType(), UsageQuantiles.quantile(recent, 1).memoryMb() / requestedMb);
        }
        Resources predicted = Resources.of(prediction).atLeastZero();
        Map<String, Double> inputs = new LinkedHashMap<>();
        predicted.putInto(inputs, "model.");
        inputs.put("model.confidence", prediction.confidence());
        inputs.put("history.samples", (double) recent.size());
        inputs.put("shares.types", (double) shares.size());
        requested.ifPresent(r -> r.putInto(inputs, "requested."));
        double confidence = prediction.confidence();
        String why = String.format(Locale.ROOT, "model confidence %.2f %s %.2f: ", confidence,
                confidence > policy.confidenceThreshold() ? ">" : "<=", policy.confidenceThreshold());
        Limit limit = new Limit(requested);

        // Strictly above, as the seed's `prediction.confidence > threshold`: a share of recent actions
        // (the confidence) often lands exactly on the threshold, and there the model is not yet trusted.
        if (confidence > policy.confidenceThreshold()) {
            return modelPlan(prediction, predicted, limit, inputs, why);
        }
        if (!recent.isEmpty()) {
            return historyPlan(confidence, recent, limit, inputs, why);
        }
        if (requested.isEmpty()) {
            return fallback(FALLBACK_DEFAULT, "1", confidence, policy.defaultAllocation(), inputs,
                    why + "no history of this action type and no request, reserve the default");
        }
        if (requestedMb > 0 && shares.size() >= policy.minTypes()) {
            return sharePlan(confidence, requested.get(), shares, inputs, why);
        }
        return fallback(FALLBACK_REQUESTED, "1", confidence, requested.get(), inputs, why + "no history of this "
                + "action type and too few other types with history (" + shares.size() + "), reserve the request");
    }

    /**
     * The model's upper bound: its calibrated memory bound when it gives one above its point estimate,
     * and for every other resource (or without a bound) the point estimate plus the headroom.
     */
    private AllocationPlan modelPlan(ResourcePrediction prediction, Resources predicted, Limit limit,
                                     Map<String, Double> inputs, String why) {
        Resources raised = predicted.scaled(1 + policy.headroom());
        double bound = prediction.memoryUpperMb();
        if (Double.isFinite(bound) && bound > predicted.memoryMb()) {
            inputs.put("model.memoryUpperMb", bound);
            Resources allocated = new Resources(raised.cpuCores(), bound, raised.networkMb(), raised.cost(),
                    raised.durationMs());
            return new AllocationPlan(PredictionSource.MODEL, MODEL, prediction.modelVersion(),
                    prediction.confidence(), predicted, limit.apply(allocated), inputs, thresholds,
                    why + "reserve its calibrated memory bound, and its prediction plus " + headroom() + " otherwise"
                            + limit.note());
        }
        return new AllocationPlan(PredictionSource.MODEL, MODEL, prediction.modelVersion(), prediction.confidence(),
                predicted, limit.apply(raised), inputs, thresholds,
                why + "reserve its prediction plus " + headroom() + limit.note());
    }

    private AllocationPlan historyPlan(double confidence, List<Resources> recent, Limit limit,
                                       Map<String, Double> inputs, String why) {
        Resources quantile = UsageQuantiles.quantile(recent, policy.fallbackQuantile());
        quantile.putInto(inputs, "history.quantile.");
        return new AllocationPlan(PredictionSource.FALLBACK, "fallback-" + quantileName,
                "last-" + policy.historyWindow(), confidence, quantile,
                limit.apply(quantile.scaled(1 + policy.headroom())), inputs, thresholds,
                why + "reserve the " + quantileName + " of the last " + recent.size()
                        + " actual usages of this action type plus " + headroom() + limit.note());
    }

    private AllocationPlan sharePlan(double confidence, Resources requested, Map<String, Double> shares,
                                     Map<String, Double> inputs, String why) {
        double share = Math.min(1, UsageQuantiles.quantile(
                shares.values().stream().mapToDouble(Double::doubleValue).toArray(), policy.fallbackQuantile()));
        inputs.put("shares.quantile", share);
        Resources sized = new Resources(requested.cpuCores(), requested.memoryMb() * share, requested.networkMb(),
                requested.cost(), requested.durationMs());
        return fallback(FALLBACK_SHARE, quantileName + "-of-" + shares.size(), confidence, sized, inputs,
                why + String.format(Locale.ROOT, "no history of this action type, reserve its request times %.3f, "
                        + "the %s of the share of their request that %d other action types of the workflow used",
                        share, quantileName, shares.size()));
    }

    private String headroom() {
        return String.format(Locale.ROOT, "%.0f%% headroom", policy.headroom() * 100);
    }

    private AllocationPlan fallback(String rule, String version, double confidence, Resources estimate,
                                    Map<String, Double> inputs, String why) {
        return new AllocationPlan(PredictionSource.FALLBACK, rule, version, confidence, estimate, estimate,
                inputs, thresholds, why);
    }

    /** A memory request caps the allocation. */
    private record Limit(Optional<Resources> requested) {

        Resources apply(Resources allocation) {
            return requested.filter(r -> r.memoryMb() > 0 && r.memoryMb() < allocation.memoryMb())
                    .map(r -> new Resources(allocation.cpuCores(), r.memoryMb(), allocation.networkMb(),
                            allocation.cost(), allocation.durationMs()))
                    .orElse(allocation);
        }

        String note() {
            return requested.filter(r -> r.memoryMb() > 0).isPresent() ? ", memory at most as requested" : "";
        }
    }

    /** Least recently used entries go first, so types that come and go cannot grow it for ever. */
    private static <V> Map<String, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
