package dev.foresight.domain.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets sizing sources earn their decisions: every source proposes an allocation for every action, the
 * selector lets the one with the lowest recent cost decide, and once the action's peak is known it charges
 * every source what its own proposal would have cost ({@link RetryCost}). Judging the proposals that did not
 * decide as well is what lets a source that is not trusted yet earn trust.
 *
 * <p>A source's cost over a record is its wastage, failed attempts included, over the memory the record's
 * actions used (both in MiB x ms): the share of what was used that was wasted. Summed before dividing, so a
 * large, long action weighs as much as it costs: a source that is exact on the small actions of a type and
 * fails on its large ones (the ones a failure makes expensive) does not look better than it is.
 *
 * <p>Records: the (workflow type, action type)'s own, one for actions sized with history of their type and
 * one for actions sized without (fed across runs of the workflow type: a type new to a run is judged on how
 * sources did when it was new before); the workflow type's record of action types sized without history
 * ({@code cold}: a new type is judged on how sources did on other new types) and with it ({@code warm}). An
 * action type's own record is shrunk towards the shared one ({@link SelectorSettings#priorWeight} actions'
 * worth of it), so a type with few completions does not follow the luck of its last one; with no record
 * yet, the first source decides. With a {@link SelectorSettings#coldSource} that source sizes the actions of
 * a type without history that has no record of its own either, instead of the record of the other new types:
 * the first burst of a new type is sized before any of it completes, and one lucky source on the other new
 * types would size all of it. Kept in memory, bounded, least recently used keys go first; after a restart the records
 * are earned again. Not thread-safe.
 */
public final class SizingSourceSelector {

    private static final int MAX_KEYS = 4096;

    private final List<String> sources;
    private final SelectorSettings settings;
    private final int coldSource;
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
        this.coldSource = settings.coldSource().isEmpty() ? -1 : sources.indexOf(settings.coldSource());
        if (!settings.coldSource().isEmpty() && coldSource < 0) {
            throw new IllegalArgumentException("no source " + settings.coldSource() + " in " + sources);
        }
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
        CostRecord own = records.get(ownKey(workflowType, actionType, typeHasHistory));
        if (own != null) {
            return own.best(typeHasHistory ? "action type" : "new action type", shared, settings.priorWeight(),
                    proposalsMb);
        }
        if (!typeHasHistory && coldSource >= 0) {
            return new SizingChoice(sources.get(coldSource), coldSource, "new type", Double.NaN, 0,
                    proposalsMb[coldSource]);
        }
        return shared != null
                ? shared.best(scope, null, 0, proposalsMb)
                : new SizingChoice(sources.get(0), 0, "prior", Double.NaN, 0, proposalsMb[0]);
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
        CostRecord own = record(ownKey(workflowType, actionType, hadHistory));
        double used = Math.max(RetryCost.MIN_ALLOCATION_MB, peakMb) * Math.max(1, runtimeMs);
        double[] costs = new double[proposalsMb.length];
        for (int i = 0; i < costs.length; i++) {
            RetryCost cost = RetryCost.of(proposalsMb[i], peakMb, runtimeMs);
            costs[i] = cost.wastedMbMs() + settings.failurePenalty() * cost.failures() * used;
        }
        shared.add(used, costs);
        own.add(used, costs);
    }

    private void checkLength(double[] proposalsMb) {
        if (proposalsMb.length != sources.size()) {
            throw new IllegalArgumentException("expected " + sources.size() + " proposals, got " + proposalsMb.length);
        }
    }

    private CostRecord record(String key) {
        return records.computeIfAbsent(key, k -> new CostRecord(sources.size(), settings.window()));
    }

    private static String key(String workflowType, String actionType) {
        return workflowType + '\u0000' + actionType;
    }

    private static String ownKey(String workflowType, String actionType, boolean hasHistory) {
        return key(workflowType, actionType) + (hasHistory ? "" : "\u0000new");
    }

    /** The last {@code window} actions of a key: what each used and what each source's proposal cost, in a ring. */
    private final class CostRecord {

        private final double[] used;
        private final double[][] costs;
        private int count;
        private int next;

        CostRecord(int sourceCount, int window) {
            used = new double[window];
            costs = new double[sourceCount][window];
        }

        void add(double usedMbMs, double[] cost) {
            used[next] = usedMbMs;
            for (int i = 0; i < cost.length; i++) {
                costs[i][next] = cost[i];
            }
            next = (next + 1) % used.length;
            count = Math.min(count + 1, used.length);
        }

        double used() {
            return sum(used);
        }

        double cost(int source) {
            return sum(costs[source]);
        }

        private double sum(double[] ring) {
            double sum = 0;
            for (int j = 0; j < count; j++) {
                sum += ring[j];
            }
            return sum;
        }

        /**
         * The source of least cost per memory used, shrunk towards {@code prior}'s by {@code weight} actions
         * of this record's mean use.
         */
        SizingChoice best(String scope, CostRecord prior, double weight, double[] proposalsMb) {
            double used = used();
            double priorUsed = prior == null ? 0 : weight * used / count;
            double priorShare = priorUsed > 0 ? priorUsed / prior.used() : 0;
            int best = 0;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int i = 0; i < costs.length; i++) {
                double priorCost = priorShare > 0 ? priorShare * prior.cost(i) : 0;
                double cost = (cost(i) + priorCost) / (used + priorUsed);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = i;
                }
            }
            return new SizingChoice(sources.get(best), best, scope, bestCost, count, proposalsMb[best]);
        }
    }
}
