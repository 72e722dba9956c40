package dev.foresight.app;

import dev.foresight.config.StreamsProperties;
import dev.foresight.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Run the streams app. Without a cluster it starts an embedded broker; "
        + "unless --no-simulators it also feeds it simulated events. Prints progress; Ctrl-C stops cleanly.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ClusterOptions cluster;

    @Mixin
    StreamsOptions streams;

    @Mixin
    SimulationOptions simulation;

    @Option(names = "--no-simulators", description = "Only process what arrives on the input topics.")
    boolean noSimulators;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Stop after this long (40s, 5m, 2h); default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--progress-interval", defaultValue = "5s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "How often to print a progress line (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (StopSignal stop = StopSignal.onCtrlC()) {
            runUntilStopped(stop);
            return stop.failure().map(reason -> {
                LOG.error("Stopped because {}", reason);
                return ForesightCli.FAILED;
            }).orElse(ForesightCli.OK);
        }
    }

    /** Resources close in reverse order: progress, simulators, streams, then the (embedded) broker. */
    private void runUntilStopped(StopSignal stop) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Cluster kafka = Cluster.open(cluster)) {
            TopicAdmin topics = new TopicAdmin(kafka.admin());
            List<String> created = topics.createCatalogue(kafka.replicationFactor());
            Properties props = streams.streamsProperties(kafka);
            String applicationId = StreamsProperties.applicationId(props);
            out.printf("foresight '%s' on %s%s, %d topic(s) created; Ctrl-C to stop%n", applicationId,
                    kafka.bootstrapServers(), kafka.isEmbedded() ? " (embedded)" : "", created.size());
            try (StreamsApp app = StreamsApp.start(kafka.serdes(), props, stop);
                 SimulatorRun simulators = noSimulators ? null
                         : SimulatorRun.start(simulation.simulation(topics.latestTimestamp(Topics.INPUTS)), kafka, stop);
                 ProgressReporter progress = ProgressReporter.start(
                         new ProgressProbe(kafka.admin(), applicationId, () -> app.state().name()),
                         out, progressInterval)) {
                stop.await(Optional.ofNullable(duration));
            }
        }
    }
}
