package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.producers.Pacer;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The simulated clock: a queue of tasks by simulated time. Simulators schedule work; running the queue
 * advances time from one task to the next, so a simulated day costs only the work done in it. Ties run
 * in scheduling order, which keeps runs deterministic.
 */
final class EventScheduler {

    /** Work due at a simulated instant; it sends its events at {@code nowMs}. */
    @FunctionalInterface
    interface Task {
        void run(long nowMs, EventSink sink);
    }

    private record Entry(long atMs, long sequence, Task task) {
    }

    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(Comparator.comparingLong(Entry::atMs).thenComparingLong(Entry::sequence));
    private long nowMs;
    private long sequence;

    EventScheduler(long startMs) {
        this.nowMs = startMs;
    }

    long now() {
        return nowMs;
    }

    void at(long atMs, Task task) {
        queue.add(new Entry(Math.max(atMs, nowMs), sequence++, task));
    }

    void after(long delayMs, Task task) {
        at(nowMs + delayMs, task);
    }

    /** Runs {@code task} at {@code firstAtMs} and then every {@code periodMs}, for ever. */
    void every(long firstAtMs, long periodMs, Task task) {
        at(firstAtMs, (now, sink) -> {
            task.run(now, sink);
            every(now + periodMs, periodMs, task);
        });
    }

    /** Runs {@code task} for every host every {@code periodMs}, the hosts spread evenly over the period. */
    void everyStaggered(List<String> hosts, long periodMs, HostTask task) {
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            every(nowMs + i * periodMs / hosts.size(), periodMs, (now, sink) -> task.run(host, now, sink));
        }
    }

    /** Work for one host, due at a simulated instant. */
    @FunctionalInterface
    interface HostTask {
        void run(String hostId, long nowMs, EventSink sink);
    }

    /**
     * Runs every task due before {@code endMs}, pacing each by its simulated time, then moves the clock
     * to {@code endMs}.
     *
     * @return false if stopped before reaching {@code endMs}
     */
    boolean runUntil(long endMs, EventSink sink, Pacer pacer, BooleanSupplier stop) {
        while (!queue.isEmpty() && queue.peek().atMs() < endMs) {
            if (!pacer.awaitEventTime(queue.peek().atMs(), stop)) {
                return false;
            }
            Entry next = queue.poll();
            nowMs = next.atMs();
            next.task().run(nowMs, sink);
        }
        nowMs = Math.max(nowMs, endMs);
        return true;
    }
}
