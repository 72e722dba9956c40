package dev.foresight.domain.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets sizing sources earn their decisions: every source proposes an allocation for every action, the
 * selector lets the one with the lowest recent cost decide, and once the action's peak is known it charges
 * every source what its own proposal would have cost ({@link RetryCost}, relative to the action's use, so
 * small and large action types weigh alike). Judging the proposals that did not decide as well is what
 * lets a source that is not trusted yet earn trust.
 *
 * <p>With a {@link SelectorSettings#coverage} set, every source is first calibrated on the same record:
 * its proposal is scaled by the factor that would have covered that share of the peaks it was proposed
 * for (the coverage quantile of peak / proposal), so a source that runs low is raised and one that runs
 * high, such as the request, is lowered, and the sources then compete on their calibrated costs. The
 * factor stays within [1/{@value #MAX_FACTOR}, {@value #MAX_FACTOR}], so one tiny proposal cannot scale a
 * source without bound.
 *
 * <p>Records: the (workflow type, action type)'s own, fed by actions of that type that had history when
 * they were sized; the workflow type's record of action types sized without history ({@code cold}: a new
 * type is judged on how sources did on new types) and with it ({@code warm}). An action type with history
 * is judged on its own record shrunk towards the warm one ({@link SelectorSettings#priorWeight} actions'
 * worth of it), so a type with few completions does not follow the luck of its last one; a type without
 * history on the cold record; with no record yet, the first source decides. Kept in memory, bounded, least
 * recently used keys go first; after a restart the records are earned again. Not thread-safe.
 */
public final class SizingSourceSelector {

    private static final int MAX_KEYS = 4096;
    /** A source is calibrated on a record once it holds this many completed actions. */
    private static final int MIN_CALIBRATION = 3;
    static final double MAX_FACTOR = 4;

    private final List<String> sources;
    private final SelectorSettings settings;
    private final Map<String, CostRecord> records = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CostRecord> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public SizingSourceSelector(List<String> sources, SelectorSettings settings) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no sizing source to select from");
        }
        this.sources = List.copyOf(sources);
        this.settings = settings;
    }

    public List<String> sources() {
        return sources;
    }

    /**
     * @param typeHasHistory whether an action of this type has completed before in this workflow type
     * @param proposalsMb    each source's proposal for this action, in {@link #sources()} order
     */
    public SizingChoice choose(String workflowType, String actionType, boolean typeHasHistory, double[] proposalsMb) {
        checkLength(proposalsMb);
        String scope = typeHasHistory ? "warm" : "cold";
        CostRecord shared = records.get(key(workflowType, "*" + scope));
        CostRecord own = typeHasHistory ? records.get(key(workflowType, actionType)) : null;
        CostRecord calibration = calibrationRecord(own, shared);
        if (own != null) {
            return own.best("action type", shared, settings.priorWeight(), proposalsMb, calibration);
        }
        return shared != null
                ? shared.best(scope, null, 0, proposalsMb, calibration)
                : new SizingChoice(sources.get(0), 0, "prior", Double.NaN, 0, proposalsMb[0], 1);
    }

    /**
     * Charges every source for its proposal once the action has completed.
     *
     * @param hadHistory  what {@link #choose} was told when the action was sized
     * @param proposalsMb each source's proposal, in {@link #sources()} order
     */
    public void learn(String workflowType, String actionType, boolean hadHistory, double[] proposalsMb,
                      double peakMb, double runtimeMs) {
        checkLength(proposalsMb);
        CostRecord shared = record(key(workflowType, "*" + (hadHistory ? "warm" : "cold")));
        CostRecord own = hadHistory ? record(key(workflowType, actionType)) : null;
        CostRecord calibration = calibrationRecord(own, shared);
        double[] costs = new double[proposalsMb.length];
        double[] ratios = new double[proposalsMb.length];
        for (int i = 0; i < costs.length; i++) {
            double calibrated = proposalsMb[i] * factor(calibration, i);
            costs[i] = RetryCost.of(calibrated, peakMb, runtimeMs).relative(peakMb, runtimeMs,
                    settings.failurePenalty());
            ratios[i] = peakMb / Math.max(RetryCost.MIN_ALLOCATION_MB, proposalsMb[i]);
        }
        shared.add(costs, ratios);
        if (own != null) {
            own.add(costs, ratios);
        }
    }

    private void checkLength(double[] proposalsMb) {
        if (proposalsMb.length != sources.size()) {
            throw new IllegalArgumentException("expected " + sources.size() + " proposals, got " + proposalsMb.length);
        }
    }

    /** The action type's own record once it holds enough actions to calibrate on, else the shared one. */
    private CostRecord calibrationRecord(CostRecord own, CostRecord shared) {
        if (!settings.calibrates()) {
            return null;
        }
        if (own != null && own.count >= MIN_CALIBRATION) {
            return own;
        }
        return shared != null && shared.count >= MIN_CALIBRATION ? shared : null;
    }

    private double factor(CostRecord calibration, int source) {
        if (calibration == null) {
            return 1;
        }
        double factor = calibration.ratioQuantile(source, settings.coverage());
        return Math.max(1 / MAX_FACTOR, Math.min(MAX_FACTOR, factor));
    }

    private CostRecord record(String key) {
        return records.computeIfAbsent(key, k -> new CostRecord(sources.size(), settings.window()));
    }

    private static String key(String workflowType, String actionType) {
        return workflowType + '\u0000' + actionType;
    }

    /** The last {@code window} costs of every source, in a ring. */
    private final class CostRecord {

        private final double[][] costs;
        private final double[][] ratios;
        private int count;
        private int next;

        CostRecord(int sourceCount, int window) {
            costs = new double[sourceCount][window];
            ratios = new double[sourceCount][window];
        }

        void add(double[] sample, double[] ratio) {
            for (int i = 0; i < sample.length; i++) {
                costs[i][next] = sample[i];
                ratios[i][next] = ratio[i];
            }
            next = (next + 1) % costs[0].length;
            count = Math.min(count + 1, costs[0].length);
        }

        double sum(int source) {
            double sum = 0;
            for (int j = 0; j < count; j++) {
                sum += costs[source][j];
            }
            return sum;
        }

        double ratioQuantile(int source, double q) {
            return MemoryRules.quantile(java.util.Arrays.copyOf(ratios[source], count), q);
        }

        /** The source of least mean cost, its sum shrunk towards {@code prior}'s mean by {@code weight} samples. */
        SizingChoice best(String scope, CostRecord prior, double weight, double[] proposalsMb, CostRecord calibration) {
            double priorWeight = prior == null ? 0 : weight;
            int best = 0;
            double bestMean = Double.POSITIVE_INFINITY;
            for (int i = 0; i < costs.length; i++) {
                double shrunk = sum(i) + (priorWeight > 0 ? priorWeight * prior.sum(i) / prior.count : 0);
                double mean = shrunk / (count + priorWeight);
                if (mean < bestMean) {
                    bestMean = mean;
                    best = i;
                }
            }
            double factor = factor(calibration, best);
            return new SizingChoice(sources.get(best), best, scope, bestMean, count, proposalsMb[best] * factor,
                    factor);
        }
    }
}
