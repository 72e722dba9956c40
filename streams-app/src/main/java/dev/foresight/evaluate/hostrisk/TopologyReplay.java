package dev.foresight.evaluate.hostrisk;

import dev.foresight.domain.hostrisk.HostRiskScorer;
import dev.foresight.domain.hostrisk.HostRiskSettings;
import dev.foresight.producers.replay.PreventCsv;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.HostRiskProfile;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.InternalTopics;
import dev.foresight.topology.TopologySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Replays one PREVENT file through the application's validation and host risk topology in-process (a
 * TopologyTestDriver, fresh state per file, or the host risk profiles another replay left) and records the host
 * risk scores and alerts it emits, by the minute they are about, and the profiles it leaves. The other features
 * see nothing in these files and would only slow the replay.
 */
final class TopologyReplay {

    private static final String HOST_RISK_ALERT = "host-risk";
    private static final String APPLICATION_ID = "foresight-evaluate-host-failures";

    private final HostRiskSettings settings;
    private final AvroSerdes serdes = AvroSerdes.bundled();

    TopologyReplay(HostRiskSettings settings) {
        this.settings = settings;
    }

    /**
     * The trace of the file, how many inputs the topology dead-lettered (0 unless the file is bad), and the host
     * risk profiles at its end (key serviceId/hostId).
     */
    record Result(RiskTrace trace, List<Instant> rows, long deadLetters, Map<String, HostRiskProfile> profiles) {
    }

    Result replay(Path file) throws IOException {
        return replay(file, Map.of());
    }

    /** From the host risk profiles {@code kept} (key serviceId/hostId), as if the application had been restarted. */
    Result replay(Path file, Map<String, HostRiskProfile> kept) throws IOException {
        Path stateDir = Files.createTempDirectory("foresight-eval-");
        List<Driver> started = new ArrayList<>(1);
        try {
            List<Instant> rows = new ArrayList<>();
            new PreventCsv(Optional.empty()).forEach(file, sample -> {
                if (started.isEmpty()) {
                    started.add(new Driver(stateDir, sample.getTimestamp(), kept));
                }
                Driver driver = started.get(0);
                if (rows.isEmpty() || !rows.get(rows.size() - 1).equals(sample.getTimestamp())) {
                    driver.drain();
                    driver.clockAt(sample.getTimestamp());
                    rows.add(sample.getTimestamp());
                }
                driver.send(sample);
            });
            if (started.isEmpty()) {
                return new Result(new RiskTrace(), List.of(), 0, Map.copyOf(kept));
            }
            Driver driver = started.get(0);
            driver.drain();
            return new Result(driver.trace(rows), List.copyOf(rows), driver.deadLetters, driver.profiles());
        } finally {
            started.forEach(Driver::close);
            deleteRecursively(stateDir);
        }
    }

    private final class Driver implements AutoCloseable {

        private final TopologyTestDriver driver;
        private final TestInputTopic<String, TelemetryEvent> telemetry;
        private final TestOutputTopic<String, RiskScore> risks;
        private final TestOutputTopic<String, Alert> alerts;
        private final TestOutputTopic<String, byte[]> deadLetterTopic;
        private final List<TestOutputTopic<String, byte[]>> changelogs = new ArrayList<>();
        private final KeyValueStore<String, HostRiskProfile> profileStore;
        private final Map<Instant, Map<String, RiskScore>> scoresByMinute = new HashMap<>();
        private final List<Alert> hostAlerts = new ArrayList<>();
        private long deadLetters;
        private Instant wallClock;

        /**
         * The wall clock starts at the first row and follows the rows: ingest rejects events older than the
         * topic's retention or ahead of the wall clock, as it would for a recording replayed live.
         */
        Driver(Path stateDir, Instant start, Map<String, HostRiskProfile> kept) {
            wallClock = start;
            TopologySettings topology = TopologySettings.defaults().withHostRisk(settings);
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            Topology hostRisk = new ForesightTopology(serdes, topology).buildHostRisk();
            driver = new TopologyTestDriver(hostRisk, props, start);
            profileStore = driver.getKeyValueStore(ForesightTopology.HOST_RISK_PROFILE_STORE);
            kept.forEach(profileStore::put);
            telemetry = driver.createInputTopic(Topics.TELEMETRY.name(), Serdes.String().serializer(),
                    serdes.<TelemetryEvent>valueSerde().serializer());
            risks = output(Topics.RISK_SCORES);
            alerts = output(Topics.ALERTS);
            deadLetterTopic = raw(Topics.DEAD_LETTERS.name());
            // the driver keeps every changelog record it is sent, unless read
            InternalTopics.of(hostRisk.describe()).changelogs()
                    .forEach(name -> changelogs.add(raw(APPLICATION_ID + "-" + name)));
        }

        private TestOutputTopic<String, byte[]> raw(String topic) {
            return driver.createOutputTopic(topic, Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
        }

        private <V extends SpecificRecord> TestOutputTopic<String, V> output(TopicSpec<V> topic) {
            return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(),
                    serdes.<V>valueSerde().deserializer());
        }

        void clockAt(Instant row) {
            if (row.isAfter(wallClock)) {
                driver.advanceWallClockTime(Duration.between(wallClock, row));
                wallClock = row;
            }
        }

        void send(TelemetryEvent sample) {
            telemetry.pipeInput(new TestRecord<>(sample.getHostId(), sample, sample.getTimestamp()));
        }

        /** Changelogs are read only so the driver does not hold them all. */
        void drain() {
            for (RiskScore score : risks.readValuesToList()) {
                if (score.getDeploymentId() == null) {
                    scoresByMinute.computeIfAbsent(score.getIssuedAt(), at -> new HashMap<>())
                            .put(score.getHostId(), score);
                }
            }
            alerts.readValuesToList().stream().filter(alert -> HOST_RISK_ALERT.equals(alert.getKind()))
                    .forEach(hostAlerts::add);
            deadLetters += deadLetterTopic.readValuesToList().size();
            changelogs.forEach(TestOutputTopic::readValuesToList);
        }

        RiskTrace trace(List<Instant> rows) {
            RiskTrace.Recorder recorder = new RiskTrace.Recorder();
            hostAlerts.sort(Comparator.comparing(Alert::getIssuedAt));
            int next = 0;
            for (Instant row : rows) {
                scoresByMinute.getOrDefault(row, Map.of()).forEach((host, score) -> recorder.risk(host,
                        score.getScore(), score.getDecision().getInputs()
                                .getOrDefault(HostRiskScorer.SETTLED_INPUT, 0.0) == 1.0));
                for (; next < hostAlerts.size() && !hostAlerts.get(next).getIssuedAt().isAfter(row); next++) {
                    Alert alert = hostAlerts.get(next);
                    recorder.alert(alert.getSubject(), alert.getSeverity() == AlertSeverity.WARNING);
                }
                recorder.endMinute();
            }
            return recorder.trace();
        }

        Map<String, HostRiskProfile> profiles() {
            Map<String, HostRiskProfile> all = new HashMap<>();
            try (KeyValueIterator<String, HostRiskProfile> it = profileStore.all()) {
                it.forEachRemaining((KeyValue<String, HostRiskProfile> entry) -> all.put(entry.key, entry.value));
            }
            return Map.copyOf(all);
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
