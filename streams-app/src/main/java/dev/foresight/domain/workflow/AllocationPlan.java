package dev.foresight.domain.workflow;

import dev.foresight.schema.state.PredictionSource;
import java.util.Map;

/**
 * What to reserve for one action and why.
 *
 * @param expected  the estimate the allocation rests on: the model's prediction or the fallback's
 * @param allocated what to ask of the pool
 */
public record AllocationPlan(PredictionSource source, String madeBy, String version, double confidence,
                             Resources expected, Resources allocated, Map<String, Double> inputs,
                             Map<String, Double> thresholds, String explanation) {
}
