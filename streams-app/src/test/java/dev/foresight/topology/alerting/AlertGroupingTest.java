package dev.foresight.topology.alerting;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.alerting.AlertingSettings;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.Incident;
import dev.foresight.schema.commands.IncidentChange;
import dev.foresight.schema.commands.IncidentStatus;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.events.IncidentAcknowledged;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertGroupingTest {

    private static final AlertingSettings SETTINGS = new AlertingSettings(Duration.ofMinutes(30), 3,
            Duration.ofMinutes(10), "platform-oncall", Duration.ofSeconds(10), 50);

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, Alert> alerts;
    private TestInputTopic<String, IncidentAcknowledged> acks;
    private TestOutputTopic<String, Incident> incidents;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        new AlertGrouping(AvroSerdes.bundled(), SETTINGS, ForesightTopology.alertingTopics(AvroSerdes.bundled()))
                .build(builder);
        fixture = new TopologyFixture(builder.build(), stateDir);
        alerts = fixture.input(Topics.ALERTS);
        acks = fixture.input(Topics.INCIDENT_ACKS);
        incidents = fixture.output(Topics.INCIDENTS);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldGroupAHundredAlertsOfOneCauseAndSubjectIntoOneIncident() {
        for (int i = 0; i < 100; i++) {
            alert("a" + i, "anomaly", "checkout/cpu", AlertSeverity.CRITICAL, START.plusSeconds(10L * i));
        }
        alert("other", "anomaly", "payments/cpu", AlertSeverity.WARNING, START.plusSeconds(5));

        List<Incident> changes = incidents.readValuesToList();
        assertEquals(2, changes.size(), changes.toString());
        assertEquals(List.of(IncidentChange.OPENED, IncidentChange.OPENED), changes.stream().map(Incident::getChange)
                .toList());
        assertEquals(100, open("checkout/cpu", "anomaly").getAlerts());
        assertEquals("anomaly/" + START.toEpochMilli() + "/checkout/cpu", changes.get(0).getIncidentId());
    }

    @Test
    void shouldKeepDifferentCausesOfOneSubjectApart() {
        alert("a1", "anomaly", "checkout", AlertSeverity.WARNING, START);
        alert("b1", "build-risk", "checkout", AlertSeverity.WARNING, START.plusSeconds(1));

        assertEquals(List.of("anomaly", "build-risk"), incidents.readValuesToList().stream().map(Incident::getKind)
                .toList());
    }

    @Test
    void shouldDropARepeatOfTheSameAlertWithoutCountingItTowardsThePattern() {
        alert("a1", "anomaly", "checkout", AlertSeverity.INFO, START);
        alert("a2", "anomaly", "checkout", AlertSeverity.INFO, START.plusSeconds(10));
        alert("a2", "anomaly", "checkout", AlertSeverity.INFO, START.plusSeconds(10));
        alert("a2", "anomaly", "checkout", AlertSeverity.INFO, START.plusSeconds(10));

        Incident open = open("checkout", "anomaly");
        assertEquals(2, open.getAlerts());
        assertEquals(2, open.getDuplicates());
        assertEquals(AlertSeverity.INFO, open.getSeverity(), "three deliveries of two alerts are no repeat of 3");
        assertEquals(1, incidents.readValuesToList().size());
    }

    @Test
    void shouldRaiseTheSeverityAStepEachTimeThePatternRepeats() {
        for (int i = 0; i < 6; i++) {
            alert("a" + i, "anomaly", "checkout", AlertSeverity.INFO, START.plusSeconds(60L * i));
        }

        List<Incident> changes = incidents.readValuesToList();
        assertEquals(List.of(IncidentChange.OPENED, IncidentChange.SEVERITY_RAISED, IncidentChange.SEVERITY_RAISED),
                changes.stream().map(Incident::getChange).toList());
        assertEquals(List.of(AlertSeverity.INFO, AlertSeverity.WARNING, AlertSeverity.CRITICAL),
                changes.stream().map(Incident::getSeverity).toList());
        assertEquals(START.plusSeconds(120), changes.get(1).getIssuedAt(), "raised at the third alert's time");
    }

    @Test
    void shouldEscalateAnUnacknowledgedIncidentToTheTargetAfterTheTimeout() {
        alert("a1", "rollback-escalation", "d-7", AlertSeverity.WARNING, START);
        fixture.clockAt(START.plus(Duration.ofMinutes(9)));
        assertEquals(1, incidents.readValuesToList().size(), "nothing before the timeout");

        fixture.clockAt(START.plus(Duration.ofMinutes(10)).plusSeconds(10));

        List<Incident> changes = incidents.readValuesToList();
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(IncidentChange.ESCALATED, changes.get(0).getChange());
        assertEquals("platform-oncall", changes.get(0).getEscalatedTo());
        assertEquals(IncidentStatus.ESCALATED, open("d-7", "rollback-escalation").getStatus());
        fixture.clockAt(START.plus(Duration.ofMinutes(20)));
        assertTrue(incidents.isEmpty(), "escalated once");
    }

    @Test
    void shouldNotEscalateAnIncidentAcknowledgedByAnEvent() {
        alert("a1", "anomaly", "checkout", AlertSeverity.CRITICAL, START);
        String id = incidents.readValue().getIncidentId();
        fixture.clockAt(START.plus(Duration.ofMinutes(5)));
        acks.pipeInput("checkout", new IncidentAcknowledged("e1", id, "checkout", "alice",
                START.plus(Duration.ofMinutes(5))), START.plus(Duration.ofMinutes(5)));

        fixture.clockAt(START.plus(Duration.ofMinutes(15)));

        List<Incident> changes = incidents.readValuesToList();
        assertEquals(List.of(IncidentChange.ACKNOWLEDGED), changes.stream().map(Incident::getChange).toList());
        assertEquals("alice", changes.get(0).getAcknowledgedBy());
        assertNull(open("checkout", "anomaly").getEscalatedTo());
    }

    @Test
    void shouldIgnoreAnAcknowledgementOfAnotherIncident() {
        alert("a1", "anomaly", "checkout", AlertSeverity.WARNING, START);
        incidents.readValue();
        acks.pipeInput("checkout", new IncidentAcknowledged("e1", "anomaly/1/checkout", "checkout", "alice", START),
                START);

        fixture.clockAt(START.plus(Duration.ofMinutes(11)));

        assertEquals(List.of(IncidentChange.ESCALATED), incidents.readValuesToList().stream().map(Incident::getChange)
                .toList());
    }

    @Test
    void shouldCloseAQuietIncidentAndOpenANewOneForTheNextAlert() {
        alert("a1", "build-risk", "checkout", AlertSeverity.INFO, START);
        fixture.clockAt(START.plus(Duration.ofMinutes(31)));
        alert("a2", "build-risk", "checkout", AlertSeverity.INFO, START.plus(Duration.ofMinutes(31)));

        List<Incident> changes = incidents.readValuesToList();
        assertEquals(List.of(IncidentChange.OPENED, IncidentChange.CLOSED, IncidentChange.OPENED),
                changes.stream().map(Incident::getChange).toList());
        assertTrue(!changes.get(0).getIncidentId().equals(changes.get(2).getIncidentId()), changes.toString());
    }

    @Test
    void shouldStartANewIncidentWhenAnAlertComesMoreThanTheWindowAfterTheLastOneInEventTime() {
        alert("a1", "anomaly", "checkout", AlertSeverity.WARNING, START);
        alert("a2", "anomaly", "checkout", AlertSeverity.WARNING, START.plus(Duration.ofHours(2)));

        assertEquals(List.of(IncidentChange.OPENED, IncidentChange.CLOSED, IncidentChange.OPENED),
                incidents.readValuesToList().stream().map(Incident::getChange).toList());
    }

    @Test
    void shouldCloseTheIncidentOfACauseWhenItsClearedAlertArrivesAndOpenNoneForIt() {
        alert("a1", "anomaly", "checkout/cpu", AlertSeverity.WARNING, START);
        alert("c1", "anomaly-cleared", "checkout/cpu", AlertSeverity.INFO, START.plusSeconds(300));
        alert("c2", "anomaly-cleared", "payments/cpu", AlertSeverity.INFO, START.plusSeconds(300));

        List<Incident> changes = incidents.readValuesToList();
        assertEquals(List.of(IncidentChange.OPENED, IncidentChange.CLOSED), changes.stream().map(Incident::getChange)
                .toList());
        assertEquals("closed: cleared: anomaly-cleared on checkout/cpu", changes.get(1).getDecision().getExplanation());
        assertNull(open("checkout/cpu", "anomaly"));
        assertNull(open("payments/cpu", "anomaly"));
    }

    private void alert(String id, String kind, String subject, AlertSeverity severity, Instant at) {
        alerts.pipeInput(subject, Alert.newBuilder().setAlertId(id).setIssuedAt(at).setKind(kind).setSeverity(severity)
                .setSubject(subject).setMessage(kind + " on " + subject)
                .setDecision(Decision.newBuilder().setMadeBy("test").setVersion("1").setInputs(Map.of())
                        .setThresholds(Map.of()).build()).build(), at);
    }

    private Incident open(String subject, String kind) {
        KeyValueStore<String, Incident> store = fixture.driver().getKeyValueStore(IncidentProcessor.INCIDENT_STORE);
        return store.get(subject + "\u0000" + kind);
    }
}
