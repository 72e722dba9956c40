package dev.foresight.producers.sim;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identifiers that are the same for the same seed and start time, and differ between runs that differ
 * in either, so two simulations on one cluster do not collide.
 */
final class SimIds {

    private final String runTag;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong entities = new AtomicLong();

    SimIds(long seed, long startMs) {
        long mixed = new SplittableRandom(seed ^ Long.rotateLeft(startMs, 17)).nextLong();
        this.runTag = Long.toString(mixed & 0xFF_FFFF_FFFFL, 36);
    }

    String nextEventId() {
        return runTag + "-" + events.incrementAndGet();
    }

    /** An entity id such as {@code dep-3k9x1a-7}. */
    String next(String prefix) {
        return prefix + "-" + runTag + "-" + entities.incrementAndGet();
    }
}
