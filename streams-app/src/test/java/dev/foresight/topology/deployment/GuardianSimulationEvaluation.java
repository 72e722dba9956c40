package dev.foresight.topology.deployment;

import dev.foresight.ingest.IngestSettings;
import dev.foresight.ingest.IngestStage;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.producers.RecordingEventSink;
import dev.foresight.producers.Speedup;
import dev.foresight.producers.TimedEvent;
import dev.foresight.producers.sim.DeploymentOutcome;
import dev.foresight.producers.sim.Simulation;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Replays simulated deployments (with the simulator's ground truth) through ingest and the guardian,
 * with the real online risk model, and reports how early the guardian reacts to failing deployments and
 * how often it acts on healthy ones. Not a unit test: run it by hand, e.g.
 * {@code mvn -q -o -pl streams-app exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.foresight.topology.deployment.GuardianSimulationEvaluation -Dexec.args="48 7"}
 * (simulated hours, seed).
 */
public final class GuardianSimulationEvaluation {

    private GuardianSimulationEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Duration simulated = Duration.ofHours(args.length > 0 ? Long.parseLong(args[0]) : 48);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        Simulation simulation = Simulation.builder().seed(seed).start(start).services(6).hostsPerService(4)
                .speedup(Speedup.MAX).deploymentFailureRate(0.3).meanDeploymentInterval(Duration.ofMinutes(20)).build();
        RecordingEventSink sink = new RecordingEventSink();
        simulation.runFor(simulated, sink);

        AvroSerdes serdes = AvroSerdes.bundled();
        StreamsBuilder builder = new StreamsBuilder();
        ValidatedInputs inputs = new IngestStage(serdes, IngestSettings.defaults()).build(builder);
        new DeploymentGuardian(serdes, DeploymentSettings.defaults()).build(inputs);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "guardian-evaluation");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("guardian-eval").toString());
        List<TopicSpec<?>> replayed = List.of(Topics.TELEMETRY, Topics.DEPLOYMENTS, Topics.HEALTH);
        long began = System.nanoTime();
        long piped = 0;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, start)) {
            Map<String, TestInputTopic<String, SpecificRecord>> topics = new HashMap<>();
            replayed.forEach(topic -> topics.put(topic.name(), driver.createInputTopic(topic.name(),
                    Serdes.String().serializer(), serdes.<SpecificRecord>valueSerde().serializer())));
            long wallClock = start.toEpochMilli();
            for (TimedEvent<?> event : sink.events()) {
                TestInputTopic<String, SpecificRecord> topic = topics.get(event.topic().name());
                if (topic != null) {
                    if (event.timestampMs() > wallClock) {
                        driver.advanceWallClockTime(Duration.ofMillis(event.timestampMs() - wallClock));
                        wallClock = event.timestampMs();
                    }
                    topic.pipeInput(event.key(), event.value(), event.timestampMs());
                    piped++;
                }
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            List<AllocationCommand> allocations = driver.createOutputTopic(Topics.ALLOCATIONS.name(),
                    Serdes.String().deserializer(), serdes.<AllocationCommand>valueSerde().deserializer()).readValuesToList();
            List<RollbackCommand> rollbacks = driver.createOutputTopic(Topics.ROLLBACKS.name(),
                    Serdes.String().deserializer(), serdes.<RollbackCommand>valueSerde().deserializer()).readValuesToList();
            report(simulation.groundTruth().outcomes(), allocations, rollbacks);
            System.out.printf(Locale.ROOT, "replayed %d events (%s simulated, seed %d) in %.1f s: %.0f events/s%n",
                    piped, simulated, seed, seconds, piped / seconds);
        }
    }

    private static void report(List<DeploymentOutcome> outcomes, List<AllocationCommand> allocations,
                               List<RollbackCommand> rollbacks) {
        Map<String, List<AllocationCommand>> byDeployment = allocations.stream()
                .collect(Collectors.groupingBy(AllocationCommand::getCorrelationId));
        Map<String, RollbackCommand> aborts = rollbacks.stream()
                .filter(r -> r.getDecision().getMadeBy().equals(GuardCommands.GUARDIAN))
                .collect(Collectors.toMap(RollbackCommand::getDeploymentId, r -> r));
        for (String group : List.of("failed, warned", "failed, silent", "succeeded")) {
            List<DeploymentOutcome> members = outcomes.stream().filter(o -> group.equals(groupOf(o))).toList();
            int throttled = 0;
            int aborted = 0;
            List<Long> leadSeconds = new ArrayList<>();
            List<Long> abortLeadSeconds = new ArrayList<>();
            for (DeploymentOutcome outcome : members) {
                List<AllocationCommand> acted = byDeployment.getOrDefault(outcome.deploymentId(), List.of()).stream()
                        .filter(c -> c.getAction() == AllocationAction.THROTTLE && c.getIssuedAt().isBefore(outcome.endedAt()))
                        .toList();
                if (!acted.isEmpty()) {
                    throttled++;
                    leadSeconds.add(Duration.between(acted.get(0).getIssuedAt(), outcome.endedAt()).toSeconds());
                }
                RollbackCommand abort = aborts.get(outcome.deploymentId());
                if (abort != null && abort.getIssuedAt().isBefore(outcome.endedAt())) {
                    aborted++;
                    abortLeadSeconds.add(Duration.between(abort.getIssuedAt(), outcome.endedAt()).toSeconds());
                }
            }
            System.out.printf(Locale.ROOT, "%-15s %3d deployments: throttled before the end %3d (%.0f%%, median lead %s s),"
                            + " aborted by the guardian %3d (%.0f%%, median lead %s s)%n", group, members.size(), throttled,
                    percent(throttled, members.size()), median(leadSeconds), aborted, percent(aborted, members.size()),
                    median(abortLeadSeconds));
        }
        Map<String, Long> verdicts = new TreeMap<>(rollbacks.stream().flatMap(r -> r.getBlend().stream())
                .collect(Collectors.groupingBy(GuardianSimulationEvaluation::kindAndVerdict, Collectors.counting())));
        System.out.println("blend verdicts by resource kind: " + verdicts);
    }

    private static String median(List<Long> values) {
        return values.isEmpty() ? "-" : Long.toString(values.stream().sorted().toList().get(values.size() / 2));
    }

    private static String groupOf(DeploymentOutcome outcome) {
        if (!outcome.failed()) {
            return "succeeded";
        }
        return outcome.hadWarningSigns() ? "failed, warned" : "failed, silent";
    }

    private static String kindAndVerdict(BlendDecision decision) {
        return decision.getResource().getKind() + " " + decision.getVerdict();
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
