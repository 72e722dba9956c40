package dev.foresight.app;

import dev.foresight.config.StreamsProperties;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.InternalTopics;
import dev.foresight.topology.TopologySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "reset", description = "Make the app reprocess everything: delete its committed offsets, its "
        + "internal topics and its local state. Input and output topics are kept. Stop the app first.")
final class ResetCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    StreamsOptions streams;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TopologySettings settings = cluster.topologySettings(spec.commandLine());
        try (Cluster kafka = Cluster.open(cluster)) {
            return reset(kafka, streams.streamsProperties(kafka), settings, spec).isPresent()
                    ? ForesightCli.OK : ForesightCli.APP_RUNNING;
        }
    }

    /**
     * Deletes the app's offsets, internal topics and local state and says so; {@code clean} starts with this.
     *
     * @return the reset, or empty (told on stderr) while an instance of the app still runs
     */
    static Optional<ApplicationReset> reset(Cluster kafka, Properties props, TopologySettings settings,
                                            CommandSpec spec)
            throws InterruptedException, ExecutionException {
        String applicationId = StreamsProperties.applicationId(props);
        InternalTopics internal = InternalTopics.of(StreamsApp.topology(AvroSerdes.bundled(), settings, props)
                .describe());
        ApplicationReset reset = new ApplicationReset(kafka.admin(), applicationId, internal.topicsOf(applicationId));
        try {
            reset.deleteOffsets();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                spec.commandLine().getErr().printf("'%s' is still running; stop it first.%n", applicationId);
                return Optional.empty();
            }
            throw e;
        }
        List<String> topics = reset.deleteInternalTopics();
        boolean state = reset.deleteLocalState(Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG)));
        spec.commandLine().getOut().printf("Reset '%s': offsets deleted, %d internal topic(s) deleted %s, "
                + "local state %s%n", applicationId, topics.size(), topics, state ? "deleted" : "absent");
        return Optional.of(reset);
    }
}
