package dev.foresight.predict.workflow;

import java.util.List;

/**
 * Turns a workflow's completed actions and the type of its next action into network input.
 *
 * <p>Input layout per step: {@code [own resources (5) | context resources (5) | context seen (1) |
 * own type one-hot (buckets + start) | next type one-hot (buckets)]}. Resources are log1p, then
 * standardised. The context is the mean of the last few earlier actions of the next action's type: a
 * hashed type alone cannot tell colliding types apart, their recent usage can. Labels are standardised
 * log1p resources minus the {@link #baseline}.
 */
final class ActionSequenceEncoder {

    static final int RESOURCES = 5;
    static final int MEMORY = 1;
    static final int DENSE = 2 * RESOURCES + 1;
    private static final int CONTEXT_ACTIONS = 4;

    private final int window;
    private final int buckets;
    private final int lookback;

    ActionSequenceEncoder(LstmSettings settings) {
        this.window = settings.window();
        this.buckets = settings.typeBuckets();
        this.lookback = settings.lookback();
    }

    int inputSize() {
        return DENSE + 2 * buckets + 1;
    }

    int ownIndex(int bucket) {
        return DENSE + bucket;
    }

    int nextIndex(int bucket) {
        return DENSE + buckets + 1 + bucket;
    }

    /** The input to predict the action of {@code nextType} after {@code history}. */
    ActionSequence encode(List<ActionObservation> history, String nextType) {
        return encode(history, nextType, null);
    }

    /** A training example: the input to predict {@code actual}, labelled at every step. */
    ActionSequence encode(List<ActionObservation> history, ActionObservation actual) {
        return encode(history, actual.actionType(), actual);
    }

    /** Standardised dense features of every step: input rows {@code [0, DENSE)}. */
    float[][] denseSteps(ActionSequence sequence, OnlineNormalizer.Scale scale) {
        float[][] dense = new float[sequence.steps()][DENSE];
        for (int step = 0; step < dense.length; step++) {
            dense(sequence, scale, step, dense[step]);
        }
        return dense;
    }

    /** The one-hot input rows set at every step. */
    int[][] hotRows(ActionSequence sequence) {
        int[][] hot = new int[sequence.steps()][];
        for (int step = 0; step < hot.length; step++) {
            hot[step] = new int[] {ownIndex(sequence.ownBucket()[step]), nextIndex(sequence.nextBucket()[step])};
        }
        return hot;
    }

    /** Standardised dense features of one step, written to {@code out[0, DENSE)}. */
    void dense(ActionSequence sequence, OnlineNormalizer.Scale scale, int step, float[] out) {
        boolean start = sequence.ownBucket()[step] == buckets;
        boolean seen = sequence.contextSeen()[step] > 0;
        for (int k = 0; k < RESOURCES; k++) {
            int at = step * RESOURCES + k;
            out[k] = start ? 0 : (float) scale.standardize(k, sequence.ownLog()[at]);
            out[RESOURCES + k] = seen ? (float) scale.standardize(k, sequence.contextLog()[at]) : 0;
        }
        out[2 * RESOURCES] = sequence.contextSeen()[step];
    }

    /**
     * What the network's output is added to, standardised: the context (recent actions of the predicted
     * type) where there is one, else the overall mean. The network learns corrections to it, so an
     * untrained network already predicts "like the last few of this type".
     */
    double baseline(ActionSequence sequence, OnlineNormalizer.Scale scale, int step, int resource) {
        return sequence.contextSeen()[step] > 0
                ? scale.standardize(resource, sequence.contextLog()[step * RESOURCES + resource])
                : 0;
    }

    static double[] logResources(ActionObservation action) {
        return new double[] {
            log(action.cpuCores()), log(action.memoryMb()), log(action.networkMb()),
            log(action.cost()), log(action.durationMs())};
    }

    /** Inverse of the log1p encoding of one resource. */
    static double resource(double logValue) {
        return Math.max(0, Math.exp(logValue) - 1);
    }

    private ActionSequence encode(List<ActionObservation> history, String nextType, ActionObservation actual) {
        int size = history.size();
        boolean fromStart = size < window;
        int first = fromStart ? 0 : size - window;
        int steps = size - first + (fromStart ? 1 : 0);
        ActionSequence sequence = new ActionSequence(steps,
                new float[steps * RESOURCES], new int[steps], new int[steps],
                new float[steps * RESOURCES], new float[steps], actual == null ? null : new float[steps * RESOURCES]);
        for (int step = 0; step < steps; step++) {
            int index = first + step - (fromStart ? 1 : 0);
            ActionObservation following = index + 1 < size ? history.get(index + 1) : actual;
            String followingType = index + 1 < size ? following.actionType() : nextType;
            if (index < 0) {
                sequence.ownBucket()[step] = buckets;
            } else {
                ActionObservation own = history.get(index);
                sequence.ownBucket()[step] = bucket(own.actionType());
                copy(logResources(own), sequence.ownLog(), step);
            }
            sequence.nextBucket()[step] = bucket(followingType);
            sequence.contextSeen()[step] = context(history, index, followingType, sequence.contextLog(), step);
            if (following != null && sequence.labelLog() != null) {
                copy(logResources(following), sequence.labelLog(), step);
            }
        }
        return sequence;
    }

    /** Mean log resources of the latest actions of {@code type} up to {@code index}; 1 if any, else 0. */
    private float context(List<ActionObservation> history, int index, String type, float[] out, int step) {
        int found = 0;
        int at = step * RESOURCES;
        for (int i = index; i >= 0 && i > index - lookback && found < CONTEXT_ACTIONS; i--) {
            ActionObservation earlier = history.get(i);
            if (earlier.actionType().equals(type)) {
                out[at] += (float) log(earlier.cpuCores());
                out[at + 1] += (float) log(earlier.memoryMb());
                out[at + 2] += (float) log(earlier.networkMb());
                out[at + 3] += (float) log(earlier.cost());
                out[at + 4] += (float) log(earlier.durationMs());
                found++;
            }
        }
        for (int k = 0; k < RESOURCES && found > 0; k++) {
            out[at + k] /= found;
        }
        return found > 0 ? 1 : 0;
    }

    private int bucket(String actionType) {
        return Math.floorMod(actionType.hashCode(), buckets);
    }

    private static void copy(double[] values, float[] out, int step) {
        for (int k = 0; k < RESOURCES; k++) {
            out[step * RESOURCES + k] = (float) values[k];
        }
    }

    /** log1p via the intrinsic {@code Math.log}: resources are rarely tiny, so the precision of log1p is not needed. */
    private static double log(double value) {
        return Math.log(1 + Math.max(0, value));
    }
}
