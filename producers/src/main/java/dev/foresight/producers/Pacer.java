package dev.foresight.producers;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps wall-clock time in step with event time: the first event anchors both clocks, and later events
 * wait until {@code realElapsed ≈ eventElapsed / speedup}. Never sleeps at {@link Speedup#MAX}.
 */
public final class Pacer {

    /** Sleeps in slices so a stop request is noticed promptly even at real-time speed. */
    static final long MAX_SLEEP_SLICE_MS = 200;

    /** Blocks for the given milliseconds; a seam so tests can advance a fake clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Speedup speedup;
    private final LongSupplier realClockMs;
    private final Sleeper sleeper;
    private long anchorEventMs;
    private long anchorRealMs;
    private boolean anchored;

    public Pacer(Speedup speedup, LongSupplier realClockMs, Sleeper sleeper) {
        this.speedup = speedup;
        this.realClockMs = realClockMs;
        this.sleeper = sleeper;
    }

    public static Pacer system(Speedup speedup) {
        return new Pacer(speedup, () -> System.nanoTime() / 1_000_000, Thread::sleep);
    }

    /**
     * Waits until wall-clock time has caught up with {@code eventTimeMs}.
     *
     * @return false if {@code stop} turned true or the thread was interrupted while waiting
     */
    public boolean awaitEventTime(long eventTimeMs, BooleanSupplier stop) {
        if (speedup.isMax()) {
            return !stop.getAsBoolean();
        }
        if (!anchored) {
            anchorEventMs = eventTimeMs;
            anchorRealMs = realClockMs.getAsLong();
            anchored = true;
        }
        long dueRealMs = anchorRealMs + speedup.realMillisFor(eventTimeMs - anchorEventMs);
        long waitMs;
        while ((waitMs = dueRealMs - realClockMs.getAsLong()) > 0) {
            if (stop.getAsBoolean()) {
                return false;
            }
            try {
                sleeper.sleep(Math.min(waitMs, MAX_SLEEP_SLICE_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stop.getAsBoolean();
    }

    /**
     * Sends the events in order, each when its event time is due, then flushes.
     *
     * @return how many were sent before the end or {@code stop}
     */
    public long send(Iterable<? extends TimedEvent<?>> events, EventSink sink, BooleanSupplier stop) {
        long sent = 0;
        for (TimedEvent<?> event : events) {
            if (!awaitEventTime(event.timestampMs(), stop)) {
                break;
            }
            event.sendTo(sink);
            sent++;
        }
        sink.flush();
        return sent;
    }
}
