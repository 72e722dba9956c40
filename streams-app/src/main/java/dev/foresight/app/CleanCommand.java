package dev.foresight.app;

import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.TopologySettings;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "clean", description = "Remove the app from the cluster: everything 'reset' deletes (offsets, "
        + "internal topics, local state), and also the topics the app writes (aggregates, commands, alerts, "
        + "scores, reports, shadows, dead letters). Input topics are kept. Stop the app first.")
final class CleanCommand implements Callable<Integer> {

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
            Optional<ApplicationReset> reset = ResetCommand.reset(kafka, streams.streamsProperties(kafka), settings,
                    spec);
            if (reset.isEmpty()) {
                return ForesightCli.APP_RUNNING;
            }
            List<String> outputs = reset.get().deleteExisting(Topics.OUTPUTS.stream().map(TopicSpec::name).toList());
            spec.commandLine().getOut().printf("Cleaned: %d output topic(s) deleted %s%n", outputs.size(), outputs);
        }
        return ForesightCli.OK;
    }
}
