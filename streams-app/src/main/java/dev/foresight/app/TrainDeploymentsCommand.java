package dev.foresight.app;

import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.TopologySettings;
import dev.foresight.train.DeploymentTraining;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deployments", description = "Replay the deployment events, telemetry and health probes recorded "
        + "on the input topics through validation and the deployment guardian, in time order, so its risk model "
        + "learns from every deployment that ended there, and write the model's checkpoint for run --risk-model.")
final class TrainDeploymentsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the checkpoint.")
    Path out;

    @Option(names = "--timeout", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Give up if the input topics are not read to their end by then (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TopologySettings settings = cluster.topologySettings(spec.commandLine());
        Path directory = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new UserError("--out " + out + ": " + directory + " is not a writable directory");
        }
        List<DeploymentTraining.Recorded> recording = record();
        if (recording.stream().noneMatch(r -> r.topic().equals(Topics.DEPLOYMENTS.name()))) {
            throw new UserError("nothing to train on: " + Topics.DEPLOYMENTS.name() + " holds no deployment event");
        }
        DeploymentTraining.Result result = new DeploymentTraining(settings).train(recording);
        Files.write(out, result.checkpoint());
        PrintWriter print = spec.commandLine().getOut();
        print.printf("trained %s on %,d recorded events (%,d refused by validation); deployments ended: %s; "
                + "checkpoint written to %s (%,d bytes)%n", result.modelVersion(), result.replayed(),
                result.deadLetters(), result.outcomes(), out, result.checkpoint().length);
        print.flush();
        return ForesightCli.OK;
    }

    private List<DeploymentTraining.Recorded> record() throws Exception {
        List<DeploymentTraining.Recorded> recording = new ArrayList<>();
        try (Cluster kafka = Cluster.open(cluster)) {
            new TopicAdmin(kafka.admin()).createCatalogue(kafka.replicationFactor());
            new TopicScan(kafka).scan(DeploymentTraining.INPUTS, timeout, record -> {
                if (record.value() != null) {
                    recording.add(new DeploymentTraining.Recorded(record.topic(), record.key(), record.value(),
                            record.timestamp()));
                }
                return false;
            });
        } catch (TopicScan.ScanTimeout e) {
            throw new UserError(DeploymentTraining.INPUTS.stream().map(TopicSpec::name).toList()
                    + " not read to their end within " + timeout.toSeconds() + " s; raise --timeout", e);
        }
        return recording;
    }
}
