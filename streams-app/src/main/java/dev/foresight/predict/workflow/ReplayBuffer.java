package dev.foresight.predict.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The most recent training examples, in a ring. A training batch is the examples not yet trained on
 * plus as many replayed at random from the whole ring, so the network keeps what it learned about
 * action types that have gone quiet.
 */
final class ReplayBuffer {

    private final ActionSequence[] ring;
    private final Random random;
    private long added;
    private long trained;
    private long trainedFresh;

    ReplayBuffer(int capacity, long seed) {
        ring = new ActionSequence[capacity];
        random = new Random(seed);
    }

    synchronized void add(ActionSequence example) {
        ring[(int) (added % ring.length)] = example;
        added++;
    }

    synchronized long added() {
        return added;
    }

    /** Examples trained on while new; the others were only ever replayed. */
    synchronized long trainedFresh() {
        return trainedFresh;
    }

    synchronized int untrained() {
        return (int) Math.min(added - trained, ring.length);
    }

    /**
     * Takes up to {@code maxFresh} untrained examples, newest first, plus up to {@code replayed} ones drawn
     * from the whole ring. Untrained examples beyond {@code maxFresh} are left to replay.
     */
    synchronized List<ActionSequence> nextBatch(int maxFresh, int replayed) {
        int fresh = Math.min(untrained(), maxFresh);
        int stored = (int) Math.min(added, ring.length);
        List<ActionSequence> batch = new ArrayList<>(fresh + replayed);
        for (int i = 0; i < fresh; i++) {
            batch.add(ring[(int) ((added - 1 - i) % ring.length)]);
        }
        for (int i = 0; i < replayed && stored > fresh; i++) {
            batch.add(ring[(int) ((added - 1 - random.nextInt(stored)) % ring.length)]);
        }
        trained = added;
        trainedFresh += fresh;
        return batch;
    }
}
