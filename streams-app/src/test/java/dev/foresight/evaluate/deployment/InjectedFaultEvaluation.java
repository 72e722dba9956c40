package dev.foresight.evaluate.deployment;

import dev.foresight.domain.deployment.DeploymentSettings;
import dev.foresight.producers.EventSink;
import dev.foresight.producers.sim.Simulation;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.TopologyFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;

/**
 * Runs the whole application (a TopologyTestDriver over {@code ForesightTopology}) on simulated
 * deployments with injected faults, and scores the guardian against the simulator's ground truth: its
 * risk scores at the thresholds it acts on, the allocation commands and aborts it issued before each
 * deployment ended, and the blends of its rollbacks. Lives in test sources because it drives a Kafka
 * test utility.
 *
 * <pre>
 * mvn -q -B -pl streams-app test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.foresight.evaluate.deployment.InjectedFaultEvaluation \
 *   -Dexec.args="target/evaluation 48 7"
 * </pre>
 */
public final class InjectedFaultEvaluation {

    private InjectedFaultEvaluation() {
    }

    public static InjectedFaultReport run(Simulation simulation, Duration simulated, Path stateDir) {
        DeploymentSettings guardian = DeploymentSettings.defaults();
        try (TopologyFixture fixture = new TopologyFixture(stateDir)) {
            simulation.runFor(simulated, new DriverSink(fixture));
            List<RiskObservation> risks = fixture.output(Topics.RISK_SCORES).readValuesToList().stream()
                    .map(InjectedFaultEvaluation::observation).toList();
            List<AllocationObservation> allocations = fixture.output(Topics.ALLOCATIONS).readValuesToList().stream()
                    .filter(command -> command.getCorrelationId() != null)
                    .map(command -> new AllocationObservation(command.getCorrelationId(), command.getAction(),
                            command.getIssuedAt()))
                    .toList();
            List<RollbackObservation> rollbacks = fixture.output(Topics.ROLLBACKS).readValuesToList().stream()
                    .map(InjectedFaultEvaluation::observation).toList();
            long deadLetters = fixture.output(Topics.DEAD_LETTERS).getQueueSize();
            if (deadLetters > 0) {
                System.err.println(deadLetters + " simulated events were dead-lettered");
            }
            Map<String, Double> thresholds = new LinkedHashMap<>();
            thresholds.put("throttle", guardian.allocation().throttleAt());
            thresholds.put("abort", guardian.abortRisk());
            return InjectedFaultReport.of(simulation.groundTruth().outcomes(), risks, allocations, rollbacks, thresholds);
        }
    }

    /** {@code <outDir> [simulated hours, default 48] [seed, default 7]}. */
    public static void main(String[] args) throws IOException {
        Path outDir = Path.of(args.length > 0 ? args[0] : "target/evaluation");
        Duration simulated = Duration.ofHours(args.length > 1 ? Long.parseLong(args[1]) : 48);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        // Many services deploying often: many faults per simulated day. Workflows are off; they do not
        // touch the guardian and only slow the run.
        Simulation simulation = Simulation.builder().seed(seed).start(TopologyFixture.START)
                .services(8).hostsPerService(4).meanDeploymentInterval(Duration.ofMinutes(10))
                .deploymentFailureRate(0.3).silentFailureFraction(0.25)
                .meanWorkflowInterval(Duration.ofDays(3650)).build();
        Path stateDir = Files.createDirectories(outDir.resolve("state"));
        long started = System.nanoTime();
        InjectedFaultReport report = run(simulation, simulated, stateDir);
        String md = String.format(Locale.ROOT, "Seed %d, %d simulated hours, %d events, %.0f s wall clock.%n%n%s", seed,
                simulated.toHours(), simulation.counters().total(), (System.nanoTime() - started) / 1e9,
                report.markdown());
        report.writeTo(outDir);
        Files.writeString(outDir.resolve("injected-faults.md"), md);
        System.out.print(md);
    }

    private static RiskObservation observation(RiskScore score) {
        return new RiskObservation(score.getDeploymentId(), score.getHostId(), score.getIssuedAt(), score.getScore());
    }

    private static RollbackObservation observation(RollbackCommand command) {
        return new RollbackObservation(command.getDeploymentId(), command.getIssuedAt(), command.getBlend().stream()
                .map(d -> new RollbackObservation.Blended(d.getResource().getKind(), d.getVerdict())).toList());
    }

    /**
     * Pipes the simulator's events into the driver at their event times. The wall clock follows event
     * time, so ingest does not take simulated events for events from the future.
     */
    private static final class DriverSink implements EventSink {

        private final TopologyFixture fixture;
        private final Map<String, TestInputTopic<String, SpecificRecord>> inputs = new HashMap<>();
        private Instant wallClock = TopologyFixture.START;

        DriverSink(TopologyFixture fixture) {
            this.fixture = fixture;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value, long timestampMs) {
            Instant at = Instant.ofEpochMilli(timestampMs);
            if (at.isAfter(wallClock)) {
                fixture.driver().advanceWallClockTime(Duration.between(wallClock, at));
                wallClock = at;
            }
            inputs.computeIfAbsent(topic.name(), name -> fixture.input((TopicSpec<SpecificRecord>) topic))
                    .pipeInput(key, value, at);
        }
    }
}
