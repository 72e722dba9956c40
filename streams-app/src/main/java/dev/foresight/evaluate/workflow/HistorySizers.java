package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.MemoryRules;
import dev.foresight.predict.workflow.ActionObservation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The published baselines, and three shares of request, over the peaks each task type reached so far in
 * the run. Until a type has completed once every baseline asks for what the task requested (or the platform
 * default if it requested nothing). The shares scale a new type's request by what the run's types with
 * history used of theirs (their largest peak over their request): the 95th percentile or the median over
 * all of them, or the largest over those that requested exactly as much (a workflow's requests come in a
 * few labelled sizes, and types of one size tend to use alike). {@value #RUN_PEAKS} proposes the 95th
 * percentile of every peak the run has reached so far, of any type, for a task that may have requested
 * nothing. Once a type has history, each of these proposes its largest peak.
 */
final class HistorySizers implements MemorySizer {

    static final String REQUESTED = "requested";
    static final String SHARE = "share-of-request";
    static final String SHARE_MEDIAN = "share-of-request-p50";
    static final String SHARE_SAME_REQUEST = "share-of-same-request";
    static final String RUN_PEAKS = "run-peaks-p95";
    /** The published methods every report compares against. */
    static final List<String> BASELINES = List.of(REQUESTED, "last-value", "running-p95", "witt-max",
            "witt-mean+2sd", "tovar");

    private static final int MIN_SHARE_TYPES = 3;
    private static final int MIN_SAME_REQUEST_TYPES = 2;
    private static final double SHARE_QUANTILE = 0.95;

    private final double unrequestedMb;
    private final Map<String, double[]> peaksByType = new HashMap<>();
    private final Map<String, double[]> runtimesByType = new HashMap<>();
    private final Map<String, Integer> countByType = new HashMap<>();
    private final Map<String, Double> shareByType = new HashMap<>();
    private final Map<String, Double> requestByType = new HashMap<>();
    private final List<Double> runPeaks = new ArrayList<>();

    HistorySizers(double unrequestedMb) {
        this.unrequestedMb = unrequestedMb;
    }

    @Override
    public List<String> names() {
        return List.of(REQUESTED, "last-value", "running-p95", "witt-max", "witt-mean+2sd", "tovar", SHARE,
                SHARE_MEDIAN, SHARE_SAME_REQUEST, RUN_PEAKS);
    }

    @Override
    public double[] proposeMb(TraceTask task, List<ActionObservation> completed) {
        double asked = task.askedMb(unrequestedMb);
        int count = countByType.getOrDefault(task.process(), 0);
        if (count == 0) {
            return new double[] {asked, asked, asked, asked, asked, asked,
                    shareOfRequest(task, asked, shareByType.values(), SHARE_QUANTILE, MIN_SHARE_TYPES),
                    shareOfRequest(task, asked, shareByType.values(), 0.5, MIN_SHARE_TYPES),
                    shareOfRequest(task, asked, sameRequest(task.requestedMb()), 1, MIN_SAME_REQUEST_TYPES),
                    runPeaks.size() < MIN_SHARE_TYPES ? asked : MemoryRules.quantile(
                            runPeaks.stream().mapToDouble(Double::doubleValue).toArray(), SHARE_QUANTILE)};
        }
        double[] peaks = Arrays.copyOf(peaksByType.get(task.process()), count);
        double[] runtimes = Arrays.copyOf(runtimesByType.get(task.process()), count);
        double max = MemoryRules.max(peaks);
        return new double[] {asked, MemoryRules.last(peaks), MemoryRules.quantile(peaks, 0.95), max,
                MemoryRules.meanPlus2Sd(peaks), MemoryRules.tovar(peaks, runtimes), max, max, max, max};
    }

    private List<Double> sameRequest(double requestedMb) {
        return shareByType.entrySet().stream().filter(e -> requestByType.get(e.getKey()) == requestedMb)
                .map(Map.Entry::getValue).toList();
    }

    private static double shareOfRequest(TraceTask task, double asked, java.util.Collection<Double> shares,
                                         double quantile, int minTypes) {
        if (!task.requested() || shares.size() < minTypes) {
            return asked;
        }
        double share = MemoryRules.quantile(shares.stream().mapToDouble(Double::doubleValue).toArray(), quantile);
        return task.requestedMb() * Math.min(1, share);
    }

    @Override
    public void learn(TraceTask task, List<ActionObservation> completedBeforeSubmit) {
        String type = task.process();
        int count = countByType.getOrDefault(type, 0);
        append(peaksByType, type, count, task.peakMb());
        append(runtimesByType, type, count, task.realtimeMs());
        countByType.put(type, count + 1);
        runPeaks.add(task.peakMb());
        if (task.requested()) {
            shareByType.merge(type, task.peakMb() / task.requestedMb(), Math::max);
            requestByType.put(type, task.requestedMb());
        }
    }

    /** Sets {@code values[type][count]}, growing the type's array as needed. */
    static void append(Map<String, double[]> values, String type, int count, double value) {
        double[] array = values.computeIfAbsent(type, t -> new double[16]);
        if (count == array.length) {
            array = Arrays.copyOf(array, 2 * count);
            values.put(type, array);
        }
        array[count] = value;
    }
}
