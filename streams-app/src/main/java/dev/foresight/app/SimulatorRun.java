package dev.foresight.app;

import dev.foresight.producers.EventSink;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.producers.sim.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulators, sending to Kafka from a background thread until closed. Simulated time never runs
 * ahead of the wall clock: ingestion dead-letters events from more than a few minutes in the future (and
 * brokers refuse records over an hour ahead), so once the simulation has caught up it waits for the clock.
 */
@SuppressWarnings("try") // close() waits for the simulator thread; an interrupt there must reach the caller
final class SimulatorRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRun.class);
    private static final Duration CAUGHT_UP_PAUSE = Duration.ofMillis(500);

    private final Simulation simulation;
    private final EventSink sink;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final Thread thread;
    private ExecutorFeedback feedback;

    private SimulatorRun(Simulation simulation, EventSink sink, StopSignal stop) {
        this.simulation = simulation;
        this.sink = sink;
        this.thread = new Thread(() -> {
            try {
                runNoFurtherThanNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("Simulators failed", e);
                stop.fail("simulators failed: " + e);
            }
        }, "foresight-simulators");
    }

    static SimulatorRun start(Simulation simulation, Cluster cluster, StopSignal stop) {
        SimulatorRun run = new SimulatorRun(simulation,
                KafkaEventSink.connect(cluster.clientConfig(), cluster.serdes()), stop);
        simulation.pipelineExecutor().ifPresent(executor -> run.feedback = ExecutorFeedback.start(cluster, executor));
        run.thread.start();
        return run;
    }

    private void runNoFurtherThanNow() throws InterruptedException {
        while (!stopRequested.get()) {
            simulation.run(sink, () -> stopRequested.get() || simulation.now().isAfter(Instant.now()));
            if (!stopRequested.get()) {
                Thread.sleep(CAUGHT_UP_PAUSE.toMillis());
            }
        }
    }

    Simulation simulation() {
        return simulation;
    }

    /** Stops the simulators, waits for the last events to be acknowledged, and closes the producer. */
    @Override
    public void close() throws InterruptedException {
        stopRequested.set(true);
        thread.join();
        if (feedback != null) {
            feedback.close();
        }
        sink.close();
    }
}
