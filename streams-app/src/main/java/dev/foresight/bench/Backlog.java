package dev.foresight.bench;

import dev.foresight.producers.EventSink;
import dev.foresight.producers.Speedup;
import dev.foresight.producers.sim.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The simulated company every rung reads: the simulators' defaults with twice the services (8 × 3 hosts),
 * so a million records span about four simulated days.
 *
 * @param records        events sent
 * @param simulatedStart simulated time of the first event
 * @param simulatedEnd   simulated time after the last
 * @param seconds        wall-clock time it took to send them
 */
record Backlog(long records, Instant simulatedStart, Instant simulatedEnd, double seconds) {

    private static final int SERVICES = 8;
    private static final int HOSTS_PER_SERVICE = 3;

    /** Sends {@code records} events as fast as the producer takes them, from {@code start} on. */
    static Backlog produce(EventSink sink, long records, Instant start) {
        long began = System.nanoTime();
        Simulation simulation = simulation(1, start, Speedup.MAX);
        simulation.run(sink, () -> simulation.counters().total() >= records);
        return new Backlog(simulation.counters().total(), start, simulation.now(), (System.nanoTime() - began) / 1e9);
    }

    /** Events per simulated second. */
    double density() {
        return records / Math.max(1.0, Duration.between(simulatedStart, simulatedEnd).toMillis() / 1000.0);
    }

    /**
     * Continues the company after the backlog at {@code eventsPerSecond} (wall clock), until {@code stop};
     * never beyond the wall clock, which ingestion would reject as the future.
     *
     * @return events sent
     */
    long continueLive(EventSink sink, double eventsPerSecond, BooleanSupplier stop) {
        Simulation simulation = simulation(2, simulatedEnd, new Speedup(eventsPerSecond / density()));
        simulation.run(sink, () -> stop.getAsBoolean() || simulation.now().isAfter(Instant.now()));
        return simulation.counters().total();
    }

    private static Simulation simulation(long seed, Instant start, Speedup speedup) {
        return Simulation.builder().seed(seed).start(start).speedup(speedup).services(SERVICES)
                .hostsPerService(HOSTS_PER_SERVICE).build();
    }
}
