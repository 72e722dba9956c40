package dev.foresight.topology.hostrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.hostrisk.HostRiskSettings;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.Events;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologyFixture;
import dev.foresight.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRiskScoringTest {

    /** Hours before the driver's wall clock: ingestion rejects events from the future. */
    private static final Instant START = TopologyFixture.START.minus(Duration.ofHours(3));
    private static final List<String> HOSTS = List.of("db-1", "db-2", "db-3", "db-4", "db-5", "db-6");

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, TelemetryEvent> telemetry;
    private TestOutputTopic<String, RiskScore> risks;
    private TestOutputTopic<String, Alert> alerts;
    private final Random noise = new Random(11);

    @BeforeEach
    void setUp() {
        TopologySettings settings = TopologySettings.defaults()
                .withHostRisk(HostRiskSettings.defaults().withThresholds(0.6, 0.4));
        fixture = new TopologyFixture(new ForesightTopology(AvroSerdes.bundled(), settings).buildHostRisk(), stateDir);
        telemetry = fixture.input(Topics.TELEMETRY);
        risks = fixture.output(Topics.RISK_SCORES);
        alerts = fixture.output(Topics.ALERTS);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldScoreEveryHostOnceARoundClosesWithNoDeployment() {
        for (int minute = 0; minute <= 30; minute++) {
            minute(minute, 1.0, 1.0);
        }
        List<RiskScore> scores = risks.readValuesToList();
        // rounds 20..29 are past the 20-round warm-up and closed by the next one
        assertEquals(10 * HOSTS.size(), scores.size());
        assertTrue(scores.stream().allMatch(s -> s.getDeploymentId() == null));
        assertEquals(START.plus(Duration.ofMinutes(20)), scores.get(0).getIssuedAt());
        assertTrue(scores.stream().allMatch(s -> s.getScore() >= 0 && s.getScore() < 0.4), scores.toString());
        assertTrue(scores.stream().allMatch(s -> s.getDecision().getInputs().get("settled") == 0.0),
                "half an hour of scales is not settled: the cold rule applies");
        assertTrue(alerts.isEmpty());
    }

    @Test
    void shouldRaiseOneAlertNamingTheDegradingHostAndClearItWithHysteresis() {
        int minute = 0;
        for (; minute < 60; minute++) {
            minute(minute, 1.0, 1.0);
        }
        for (; minute < 70; minute++) {
            minute(minute, 1.0, 5.0);
        }
        List<Alert> raised = alerts.readValuesToList();
        assertEquals(1, raised.size(), raised.toString());
        Alert alert = raised.get(0);
        assertEquals("db-3", alert.getSubject());
        assertEquals(AlertSeverity.WARNING, alert.getSeverity());
        assertEquals("host-risk", alert.getKind());
        assertTrue(alert.getMessage().startsWith("host db-3 of db:"), alert.getMessage());
        assertTrue(alert.getActual() >= 0.6);

        Map<String, Double> lastRisk = lastRisks();
        assertTrue(lastRisk.get("db-3") >= 0.6, lastRisk.toString());
        assertTrue(HOSTS.stream().filter(h -> !h.equals("db-3")).allMatch(h -> lastRisk.get(h) < 0.4), lastRisk.toString());

        for (; minute < 100 && alerts.isEmpty(); minute++) {
            minute(minute, 1.0, 1.0);
        }
        Alert cleared = alerts.readValue();
        assertEquals("db-3", cleared.getSubject());
        assertEquals(AlertSeverity.INFO, cleared.getSeverity());
        assertTrue(cleared.getActual() < 0.4);
        assertTrue(alerts.isEmpty());
    }

    @Test
    void shouldNameEveryStatefulPartLiterally() {
        TopologyDescription description = new ForesightTopology(AvroSerdes.bundled(), TopologySettings.defaults())
                .buildHostRisk().describe();
        String text = description.toString();
        assertTrue(text.contains("Processor: hostrisk-score (stores: [hostrisk-"), text);
        assertTrue(text.contains("hostrisk-round-store") && text.contains("hostrisk-profile-store"), text);
        assertTrue(text.contains("Sink: telemetry-by-service-repartition-sink (topic: "
                + "telemetry-by-service-repartition)"), text);
        assertTrue(text.contains("Sink: hostrisk-risk-sink (topic: risk.scores.v1)"), text);
        assertTrue(text.contains("Sink: hostrisk-alert-sink (topic: alerts.v1)"), text);
    }

    private Map<String, Double> lastRisks() {
        Map<String, Double> last = new HashMap<>();
        risks.readValuesToList().forEach(score -> last.put(score.getHostId(), score.getScore()));
        return last;
    }

    /** One sample per host at the minute; db-3's memory and KPIs scaled by {@code db3Scale}. */
    private void minute(int minute, double scale, double db3Scale) {
        Instant at = START.plus(Duration.ofMinutes(minute));
        for (String host : HOSTS) {
            double s = host.equals("db-3") ? db3Scale : scale;
            Map<String, Double> kpis = List.of("load.1", "socket.count", "process.running", "io.wait")
                    .stream().collect(Collectors.toMap(k -> k, k -> 10 * s * jitter()));
            TelemetryEvent sample = Events.telemetry(host, "db", at, Math.min(1, 0.2 * s * jitter()))
                    .setMemoryUtilization(Math.min(1, 0.15 * s * jitter()))
                    .setNetworkMbps(50 * jitter())
                    .setKpis(kpis)
                    .build();
            telemetry.pipeInput(host, sample, at);
        }
    }

    private double jitter() {
        return 1 + 0.02 * noise.nextGaussian();
    }
}
