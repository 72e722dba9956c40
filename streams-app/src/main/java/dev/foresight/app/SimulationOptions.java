package dev.foresight.app;

import dev.foresight.producers.Speedup;
import dev.foresight.producers.sim.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the built-in simulators generate events. */
final class SimulationOptions {

    @Option(names = "--speedup", defaultValue = "60", paramLabel = "FACTOR|max",
            description = "Simulated time runs this many times faster than wall-clock time; 'max' sends as fast "
                    + "as possible (default: ${DEFAULT-VALUE}).")
    String speedup;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the simulators (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--services", defaultValue = "4", paramLabel = "N",
            description = "Simulated services (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--hosts-per-service", defaultValue = "3", paramLabel = "N",
            description = "Simulated hosts per service (default: ${DEFAULT-VALUE}).")
    int hostsPerService;

    @Option(names = "--backlog", defaultValue = "1d", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Simulated time starts this long before now and catches up at --speedup; then it keeps "
                    + "pace with the clock (default: ${DEFAULT-VALUE}).")
    Duration backlog;

    /**
     * @param inputsEnd newest event already on the input topics: a restarted simulation continues after
     *                  it, or ingestion would dead-letter its events as late
     */
    Simulation simulation(Optional<Instant> inputsEnd) {
        Instant backlogStart = Instant.now().minus(backlog);
        Instant start = inputsEnd.filter(end -> end.isAfter(backlogStart)).orElse(backlogStart)
                .truncatedTo(ChronoUnit.SECONDS);
        return Simulation.builder().seed(seed).start(start).speedup(Speedup.parse(speedup)).services(services)
                .hostsPerService(hostsPerService).orchestrated(ServiceTopologyEdits.simulated()).build();
    }
}
