package dev.foresight.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints a progress line (seconds since start, then {@link Progress#line}) every interval until closed. */
final class ProgressReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final ProgressProbe probe;
    private final PrintWriter out;
    private final AtomicReference<Progress> previous = new AtomicReference<>();
    private final long startedMillis = System.currentTimeMillis();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "foresight-progress");
        thread.setDaemon(true);
        return thread;
    });

    private ProgressReporter(ProgressProbe probe, PrintWriter out) {
        this.probe = probe;
        this.out = out;
    }

    static ProgressReporter start(ProgressProbe probe, PrintWriter out, Duration interval) {
        ProgressReporter reporter = new ProgressReporter(probe, out);
        reporter.timer.scheduleAtFixedRate(reporter::report, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return reporter;
    }

    private void report() {
        try {
            Progress now = probe.sample();
            Progress before = previous.getAndSet(now);
            long elapsed = (now.atMillis() - startedMillis) / 1000;
            out.printf("%5ds %s%n", elapsed, now.line(before == null ? now : before));
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A missed sample is not worth stopping the app for; the next tick tries again.
            LOG.warn("Progress sample failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
