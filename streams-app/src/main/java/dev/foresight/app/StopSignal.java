package dev.foresight.app;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a long-running command at the first of: Ctrl-C (or SIGTERM), {@code --duration} elapsing, or a
 * component reporting a failure. On Ctrl-C the JVM waits until the command has closed everything.
 */
final class StopSignal implements AutoCloseable {

    /** How long Ctrl-C waits for an orderly close before the JVM halts anyway. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(60);

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWaitForClose, "foresight-shutdown");
    private volatile String failure;

    static StopSignal onCtrlC() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    void stop() {
        stopRequested.countDown();
    }

    void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
        stop();
    }

    boolean isStopped() {
        return stopRequested.getCount() == 0;
    }

    /** Blocks until a stop is requested or {@code duration} (if any) elapses. */
    void await(Optional<Duration> duration) throws InterruptedException {
        if (duration.isPresent()) {
            stopRequested.await(duration.get().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            stopRequested.await();
        }
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Call once everything is closed: releases a waiting Ctrl-C, or removes the hook on a normal end. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running (Ctrl-C): it returns now that closed has been counted down.
        }
    }

    private void stopAndWaitForClose() {
        stop();
        try {
            closed.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
