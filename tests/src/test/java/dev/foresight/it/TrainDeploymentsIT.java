package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.EmbeddedKafka;
import dev.foresight.app.ForesightCli;
import dev.foresight.app.TopicAdmin;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.producers.sim.Simulation;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train deployments} on a broker that holds 80 recorded minutes of deployments, then {@code run
 * --risk-model} on the same recording: the running guardian's first scores come from the trained model.
 */
class TrainDeploymentsIT {

    private static final Pattern TRAINED = Pattern.compile("trained risk-lr-v2@(\\d+) on");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RECORDED = Duration.ofMinutes(80);

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // see BackgroundCommand
    void shouldTrainOnRecordedTopicsAndStartTheRunningGuardianFromTheCheckpoint() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0)) {
            String bootstrap = kafka.bootstrapServers();
            record(bootstrap);
            Path checkpoint = dir.resolve("risk.ckpt");
            StringWriter out = new StringWriter();
            assertEquals(ForesightCli.OK, ForesightCli.commandLine().setOut(new PrintWriter(out, true))
                    .execute("train", "deployments", "--bootstrap-servers", bootstrap, "--out", checkpoint.toString()));
            Matcher trained = TRAINED.matcher(out.toString());
            assertTrue(trained.find(), out.toString());
            long updates = Long.parseLong(trained.group(1));
            assertTrue(updates > 0 && Files.size(checkpoint) > 0, out.toString());

            try (BackgroundCommand run = BackgroundCommand.start("run", "--bootstrap-servers", bootstrap,
                    "--no-simulators", "--http-port", "0", "--state-dir", dir.resolve("state").toString(),
                    "--application-id", "train-it", "-p", "num.standby.replicas=0", "--risk-model", checkpoint.toString());
                 TopicReader<RiskScore> risks = new TopicReader<>(bootstrap, Topics.RISK_SCORES.name(),
                         AvroSerdes.bundled().<RiskScore>valueSerde().deserializer())) {
                List<Long> versions = risks.readUntil(records -> deploymentScores(records).size() >= 20, TIMEOUT)
                        .stream().map(ConsumerRecord::value).filter(score -> score.getDeploymentId() != null)
                        .map(score -> version(score.getDecision().getVersion())).toList();
                assertEquals(updates, versions.stream().mapToLong(Long::longValue).min().orElseThrow(),
                        "each task's first score is the trained model's, not the prior's (risk-lr-v2@0): " + versions);
            }
        }
    }

    /** 80 simulated minutes up to about now, as fast as the broker takes them. */
    private static void record(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            new TopicAdmin(admin).createCatalogue((short) 1);
        }
        Instant start = Instant.now().minus(RECORDED).truncatedTo(ChronoUnit.MINUTES);
        Simulation simulation = Simulation.builder().seed(5).start(start).services(2).hostsPerService(2)
                .deploymentFailureRate(0.5).meanDeploymentInterval(Duration.ofMinutes(10)).build();
        try (KafkaEventSink sink = KafkaEventSink.connect(Map.of("bootstrap.servers", bootstrap), AvroSerdes.bundled())) {
            simulation.runFor(RECORDED, sink);
        }
    }

    private static List<RiskScore> deploymentScores(List<ConsumerRecord<String, RiskScore>> records) {
        return records.stream().map(ConsumerRecord::value).filter(score -> score.getDeploymentId() != null).toList();
    }

    private static long version(String modelVersion) {
        return Long.parseLong(modelVersion.substring(modelVersion.indexOf('@') + 1));
    }
}
