package dev.foresight.evaluate.deployment;

import dev.foresight.producers.EventSink;
import dev.foresight.producers.sim.Simulation;
import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.TopologyFixture;
import dev.foresight.topology.deployment.DeploymentSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;

/**
 * Runs the whole application (a TopologyTestDriver over {@code ForesightTopology}) on simulated
 * deployments with injected faults, and scores the guardian's risk scores and rollbacks against the
 * simulator's ground truth. Lives in test sources because it drives a Kafka test utility.
 *
 * <pre>
 * mvn -q -B -pl streams-app org.codehaus.mojo:exec-maven-plugin:3.5.1:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.foresight.evaluate.deployment.InjectedFaultEvaluation \
 *   -Dexec.args="target/evaluation 48 7"
 * </pre>
 */
public final class InjectedFaultEvaluation {

    private InjectedFaultEvaluation() {
    }

    /** Scores at each threshold the guardian acts on: its first allocation step, and its abort risk. */
    public static List<InjectedFaultReport> run(Simulation simulation, Duration simulated, Path stateDir) {
        DeploymentSettings guardian = DeploymentSettings.defaults();
        try (TopologyFixture fixture = new TopologyFixture(stateDir)) {
            simulation.runFor(simulated, new DriverSink(fixture));
            List<RiskObservation> risks = fixture.output(Topics.RISK_SCORES).readValuesToList().stream()
                    .map(InjectedFaultEvaluation::observation).toList();
            List<RollbackObservation> rollbacks = fixture.output(Topics.ROLLBACKS).readValuesToList().stream()
                    .map(InjectedFaultEvaluation::observation).toList();
            long deadLetters = fixture.output(Topics.DEAD_LETTERS).getQueueSize();
            if (deadLetters > 0) {
                System.err.println(deadLetters + " simulated events were dead-lettered");
            }
            var outcomes = simulation.groundTruth().outcomes();
            return List.of(guardian.allocation().throttleAt(), guardian.abortRisk()).stream()
                    .map(threshold -> FaultDetectionScoring.score(outcomes, risks, rollbacks, threshold))
                    .toList();
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
        List<InjectedFaultReport> reports = run(simulation, simulated, stateDir);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Seed %d, %d simulated hours, %d events, %.0f s wall clock.%n%n", seed, simulated.toHours(),
                simulation.counters().total(), (System.nanoTime() - started) / 1e9));
        for (InjectedFaultReport report : reports) {
            md.append(report.markdown()).append('\n');
            report.writeTo(outDir.resolve(String.format(Locale.ROOT, "threshold-%.2f", report.threshold())));
        }
        Files.writeString(outDir.resolve("injected-faults.md"), md);
        System.out.print(md);
    }

    private static RiskObservation observation(RiskScore score) {
        return new RiskObservation(score.getDeploymentId(), score.getHostId(), score.getIssuedAt(), score.getScore());
    }

    private static RollbackObservation observation(RollbackCommand command) {
        Map<BlendVerdict, Integer> verdicts = new HashMap<>();
        for (BlendDecision decision : command.getBlend()) {
            verdicts.merge(decision.getVerdict(), 1, Integer::sum);
        }
        return new RollbackObservation(command.getDeploymentId(), command.getIssuedAt(),
                verdicts.getOrDefault(BlendVerdict.KEEP, 0), verdicts.getOrDefault(BlendVerdict.REVERT, 0),
                verdicts.getOrDefault(BlendVerdict.CONFLICT, 0));
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
