package dev.foresight.domain.workflow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forecasts the actions a running workflow will submit next, and their memory, from the submit sequences
 * its workflow type showed so far. Per workflow type it learns a Markov chain over action types (which
 * type follows which in submit order, and the mean gap between the two submits; a burst of one type is a
 * self-transition with a gap near 0) and each type's recent mean peak. A forecast propagates the chain's
 * distribution from the run's last submitted type, step by expected step, while the expected time stays
 * within the horizon. Its interval comes from how far off the type's past forecasts were (the quantiles of
 * actual / forecast, once {@value #MIN_JUDGED} forecasts have been judged), so it is calibrated online.
 * Kafka-free and not thread-safe.
 */
public final class DemandForecaster {

    static final int MIN_JUDGED = 10;
    private static final int MAX_STEPS = 512;
    private static final int RATIO_WINDOW = 200;
    private static final double PEAK_WEIGHT = 0.2;
    private static final double NEGLIGIBLE = 1e-3;

    private final double lowerQuantile;
    private final double upperQuantile;
    private final Map<String, WorkflowModel> models = new HashMap<>();

    /** @param coverage the share of actual demands the interval should hold, e.g. 0.8 */
    public DemandForecaster(double coverage) {
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must be in (0, 1): " + coverage);
        }
        this.lowerQuantile = (1 - coverage) / 2;
        this.upperQuantile = 1 - lowerQuantile;
    }

    /** @param previousType the type the run submitted before this one, null for its first submit */
    public void submitted(String workflowType, String previousType, String actionType, long gapMs) {
        if (previousType != null) {
            model(workflowType).transitions.computeIfAbsent(previousType, t -> new HashMap<>())
                    .computeIfAbsent(actionType, t -> new Edge()).add(Math.max(0, gapMs));
        }
    }

    public void completed(String workflowType, String actionType, double peakMb) {
        model(workflowType).peaks.merge(actionType, peakMb, (old, peak) -> old + PEAK_WEIGHT * (peak - old));
    }

    /** What the run with last submitted type {@code lastType}, {@code sinceLastMs} ago, submits within {@code horizonMs}. */
    public DemandForecast forecast(String workflowType, String lastType, long sinceLastMs, long horizonMs) {
        WorkflowModel model = models.get(workflowType);
        Map<String, Double> counts = new TreeMap<>();
        double memory = 0;
        if (model != null && lastType != null) {
            Map<String, Double> state = Map.of(lastType, 1.0);
            double elapsed = -sinceLastMs;
            for (int step = 0; step < MAX_STEPS && !state.isEmpty(); step++) {
                elapsed += model.expectedGap(state);
                if (elapsed > horizonMs) {
                    break;
                }
                state = model.next(state);
                for (Map.Entry<String, Double> type : state.entrySet()) {
                    counts.merge(type.getKey(), type.getValue(), Double::sum);
                    memory += type.getValue() * model.peak(type.getKey());
                }
            }
        }
        double lower = Double.NaN;
        double upper = Double.NaN;
        if (model != null && model.judged.size() >= MIN_JUDGED) {
            double[] ratios = model.judged.stream().mapToDouble(Double::doubleValue).toArray();
            lower = memory * MemoryRules.quantile(ratios, lowerQuantile);
            upper = memory * MemoryRules.quantile(ratios, upperQuantile);
        }
        return new DemandForecast(horizonMs, memory, lower, upper, counts);
    }

    /** The type's recent mean peak as learned so far (the workflow's mean for a type not seen completing). */
    public double forecastPeak(String workflowType, String actionType) {
        WorkflowModel model = models.get(workflowType);
        return model == null ? 0 : model.peak(actionType);
    }

    /** Tells the forecaster what arrived after one of its forecasts, once the horizon has passed. */
    public void judged(String workflowType, DemandForecast forecast, double actualMb) {
        if (forecast.memoryMb() > 0) {
            Deque<Double> judged = model(workflowType).judged;
            judged.addLast(actualMb / forecast.memoryMb());
            if (judged.size() > RATIO_WINDOW) {
                judged.removeFirst();
            }
        }
    }

    private WorkflowModel model(String workflowType) {
        return models.computeIfAbsent(workflowType, t -> new WorkflowModel());
    }

    /** Count and mean gap of one transition. */
    private static final class Edge {

        private long count;
        private double meanGapMs;

        void add(long gapMs) {
            count++;
            meanGapMs += (gapMs - meanGapMs) / count;
        }
    }

    private static final class WorkflowModel {

        private final Map<String, Map<String, Edge>> transitions = new HashMap<>();
        private final Map<String, Double> peaks = new HashMap<>();
        private final Deque<Double> judged = new ArrayDeque<>();

        /** Types the run may be in with their probability; mass on types with no known successor is dropped. */
        double expectedGap(Map<String, Double> state) {
            double gap = 0;
            for (Map.Entry<String, Double> from : state.entrySet()) {
                Map<String, Edge> edges = transitions.get(from.getKey());
                if (edges != null) {
                    long total = edges.values().stream().mapToLong(e -> e.count).sum();
                    for (Edge edge : edges.values()) {
                        gap += from.getValue() * edge.count / total * edge.meanGapMs;
                    }
                }
            }
            return gap;
        }

        Map<String, Double> next(Map<String, Double> state) {
            Map<String, Double> next = new LinkedHashMap<>();
            for (Map.Entry<String, Double> from : state.entrySet()) {
                Map<String, Edge> edges = transitions.get(from.getKey());
                if (edges == null) {
                    continue;
                }
                long total = edges.values().stream().mapToLong(e -> e.count).sum();
                edges.forEach((to, edge) -> next.merge(to, from.getValue() * edge.count / total, Double::sum));
            }
            next.values().removeIf(p -> p < NEGLIGIBLE);
            return next;
        }

        double peak(String type) {
            Double peak = peaks.get(type);
            return peak != null ? peak : peaks.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }
}
