package dev.foresight.app;

import dev.foresight.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "produce", description = "Run only the simulators: telemetry, deployments, workflows, pipelines "
        + "and health checks onto the input topics. Without a cluster it starts an embedded broker.")
final class ProduceCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    SimulationOptions simulation;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Stop after this much wall-clock time (40s, 5m, 2h); default: until Ctrl-C.")
    Duration duration;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignal stop = StopSignal.onCtrlC()) {
            try (Cluster kafka = Cluster.open(cluster)) {
                TopicAdmin topics = new TopicAdmin(kafka.admin());
                topics.createCatalogue(kafka.replicationFactor());
                SimulatorRun run = SimulatorRun.start(
                        simulation.simulation(topics.latestTimestamp(Topics.INPUTS)), kafka, stop);
                try (run) {
                    stop.await(Optional.ofNullable(duration));
                }
                out.printf("sent %,d events to %s: %s (simulated clock at %s)%n",
                        run.simulation().counters().total(), kafka.bootstrapServers(),
                        run.simulation().counters().snapshot(), run.simulation().now());
            }
            return stop.failure().isPresent() ? ForesightCli.FAILED : ForesightCli.OK;
        }
    }
}
