package dev.foresight.app;

import dev.foresight.config.StreamsProperties;
import dev.foresight.predict.risk.RiskModel;
import dev.foresight.query.BearerToken;
import dev.foresight.query.dashboard.DashboardApi;
import dev.foresight.topics.Topics;
import dev.foresight.topology.TopologySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Run the streams app and its REST API. Without a cluster it starts an embedded "
        + "broker; unless --no-simulators it also feeds it simulated events. Prints progress; Ctrl-C stops cleanly.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ClusterOptions cluster;

    @Mixin
    StreamsOptions streams;

    @Mixin
    HttpOptions http;

    @Mixin
    SimulationOptions simulation;

    @Option(names = "--risk-model", paramLabel = "FILE", description = "Start the deployment guardian's risk model "
            + "from this checkpoint (written by train deployments) instead of the hand-set prior; a task that has "
            + "learned a model of its own resumes from that.")
    Path riskModel;

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
        BearerToken token = http.access();
        TopologySettings settings = cluster.topologySettings(spec.commandLine());
        Optional<Supplier<RiskModel>> riskModels = Optional.ofNullable(riskModel)
                .map(file -> RiskModelFile.load(file, settings.deployment().model()));
        try (StopSignal stop = StopSignal.onCtrlC()) {
            try {
                runUntilStopped(stop, token, settings, riskModels);
            } catch (InterruptedException e) {
                // interrupting the thread that runs the command in-process (a test, an embedding service) stops it
                // like Ctrl-C; by now everything is closed
                Thread.currentThread().interrupt();
            }
            return stop.failure().map(reason -> {
                LOG.error("Stopped because {}", reason);
                return ForesightCli.FAILED;
            }).orElse(ForesightCli.OK);
        }
    }

    /** Resources close in reverse order: progress, simulators, REST API, streams, then the (embedded) broker. */
    @SuppressWarnings("try") // the resources are held for the scope, and closing waits (it may be interrupted)
    private void runUntilStopped(StopSignal stop, BearerToken token, TopologySettings settings,
                                 Optional<Supplier<RiskModel>> riskModels) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Cluster kafka = Cluster.open(cluster)) {
            TopicAdmin topics = new TopicAdmin(kafka.admin());
            List<String> created = topics.createCatalogue(kafka.replicationFactor());
            TemplateSeed.seedIfEmpty(kafka, topics, Clock.systemUTC());
            HostInfo endpoint = http.endpoint();
            Properties props = streams.streamsProperties(kafka, endpoint);
            String applicationId = StreamsProperties.applicationId(props);
            try (StreamsApp app = StreamsApp.start(kafka.serdes(), settings, riskModels, props, stop);
                 RestApi api = RestApi.start(app, kafka, http.bindAddress, endpoint, token)) {
                String address = "http://" + endpoint.host() + ":" + endpoint.port();
                out.printf("foresight '%s' on %s%s, %d topic(s) created, REST API on %s;%s dashboard on %s%s%s; "
                                + "Ctrl-C to stop%n",
                        applicationId, kafka.bootstrapServers(), kafka.isEmbedded() ? " (embedded)" : "",
                        created.size(), address, token.required() ? " bearer token required;" : "", address,
                        DashboardApi.PAGE, token.required() ? " (append #token=<the token>)" : "");
                try (SimulatorRun simulators = noSimulators ? null : SimulatorRun.start(
                             simulation.simulation(topics.latestTimestamp(Topics.INPUTS)), kafka, stop);
                     ProgressReporter progress = ProgressReporter.start(
                             new ProgressProbe(kafka.admin(), applicationId, () -> app.state().name()),
                             out, progressInterval)) {
                    stop.await(Optional.ofNullable(duration));
                }
            }
        }
    }
}
