package dev.foresight.train;

import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.predict.risk.OnlineRiskModel;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.InternalTopics;
import dev.foresight.topology.TopologySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Trains the deployment guardian's risk model on recorded deployments (the seed's "trained on historical
 * deployment data"): replays deployment events, telemetry and health probes in time order through
 * validation and the guardian in-process (a TopologyTestDriver, fresh state), so the model learns from the
 * very labels, features and lifecycle the live guardian would give it, and returns the model's checkpoint.
 * One model learns from every service, as one task's would if it owned them all.
 */
public final class DeploymentTraining {

    /** The topics the guardian reads: what a recording must hold. */
    public static final List<TopicSpec<?>> INPUTS = List.of(Topics.DEPLOYMENTS, Topics.TELEMETRY, Topics.HEALTH);
    private static final String APPLICATION_ID = "foresight-train-deployments";
    /** Outputs are read (and dropped) this often, so the driver does not hold a whole replay's. */
    private static final int DRAIN_EVERY = 2_000;

    /** One recorded input, as its topic holds it: the value in the wire format. */
    public record Recorded(String topic, String key, byte[] value, long timestamp) {
    }

    /**
     * @param outcomes finished deployments by final status, as the guardian concluded them during the replay
     * @param deadLetters inputs validation refused
     */
    public record Result(byte[] checkpoint, String modelVersion, long replayed, long deadLetters,
                         Map<String, Long> outcomes) {
    }

    private final TopologySettings settings;
    private final AvroSerdes serdes = AvroSerdes.bundled();

    public DeploymentTraining(TopologySettings settings) {
        this.settings = settings;
    }

    /** @param recording inputs of {@link #INPUTS} in any order; they are replayed in time order */
    public Result train(List<Recorded> recording) throws IOException {
        List<Recorded> inOrder = new ArrayList<>(recording);
        inOrder.sort(Comparator.comparingLong(Recorded::timestamp));
        OnlineRiskModel model = new OnlineRiskModel(HostFeatures.NAMES, settings.deployment().model());
        Path stateDir = Files.createTempDirectory("foresight-train-");
        try (Replay replay = new Replay(model, stateDir, inOrder.isEmpty() ? Instant.EPOCH
                : Instant.ofEpochMilli(inOrder.get(0).timestamp()))) {
            for (int i = 0; i < inOrder.size(); i++) {
                replay.send(inOrder.get(i));
                if (i % DRAIN_EVERY == DRAIN_EVERY - 1) {
                    replay.drain();
                }
            }
            replay.drain();
            return new Result(model.checkpoint(), model.version(), inOrder.size(), replay.deadLetters,
                    new TreeMap<>(replay.outcomes));
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    private final class Replay implements AutoCloseable {

        private final TopologyTestDriver driver;
        private final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
        private final List<TestOutputTopic<String, byte[]>> drained = new ArrayList<>();
        private final TestOutputTopic<String, DeploymentState> outcomeTopic;
        private final TestOutputTopic<String, byte[]> deadLetterTopic;
        private final Map<String, Long> outcomes = new HashMap<>();
        private Instant wallClock;
        private long deadLetters;

        Replay(OnlineRiskModel model, Path stateDir, Instant start) {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            Topology guardian = new ForesightTopology(serdes, settings).withDeploymentRiskModels(() -> model)
                    .buildDeploymentGuardian();
            driver = new TopologyTestDriver(guardian, props, start);
            wallClock = start;
            INPUTS.forEach(topic -> inputs.put(topic.name(), driver.createInputTopic(topic.name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer())));
            outcomeTopic = driver.createOutputTopic(Topics.DEPLOYMENT_OUTCOMES.name(), Serdes.String().deserializer(),
                    serdes.<DeploymentState>valueSerde().deserializer());
            deadLetterTopic = raw(Topics.DEAD_LETTERS.name());
            for (String sink : sinks(guardian.describe())) {
                if (!sink.equals(Topics.DEPLOYMENT_OUTCOMES.name()) && !sink.equals(Topics.DEAD_LETTERS.name())) {
                    drained.add(raw(sink));
                }
            }
            InternalTopics.of(guardian.describe()).changelogs()
                    .forEach(name -> drained.add(raw(APPLICATION_ID + "-" + name)));
        }

        /** The wall clock follows the recording, so validation takes no event for a future one. */
        void send(Recorded record) {
            Instant at = Instant.ofEpochMilli(record.timestamp());
            if (at.isAfter(wallClock)) {
                driver.advanceWallClockTime(Duration.between(wallClock, at));
                wallClock = at;
            }
            TestInputTopic<String, byte[]> topic = inputs.get(record.topic());
            if (topic == null) {
                throw new IllegalArgumentException("not an input of the guardian: " + record.topic());
            }
            topic.pipeInput(new TestRecord<>(record.key(), record.value(), at));
        }

        void drain() {
            outcomeTopic.readValuesToList().forEach(outcome -> outcomes.merge(outcome.getStatus().name(), 1L, Long::sum));
            deadLetters += deadLetterTopic.readValuesToList().size();
            drained.forEach(TestOutputTopic::readValuesToList);
        }

        private TestOutputTopic<String, byte[]> raw(String topic) {
            return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        }

        private static List<String> sinks(TopologyDescription description) {
            List<String> sinks = new ArrayList<>();
            for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
                for (TopologyDescription.Node node : subtopology.nodes()) {
                    if (node instanceof TopologyDescription.Sink sink && sink.topic() != null
                            && !sinks.contains(sink.topic())) {
                        sinks.add(sink.topic());
                    }
                }
            }
            return sinks;
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
