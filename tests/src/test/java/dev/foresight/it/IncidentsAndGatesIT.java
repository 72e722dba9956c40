package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.ForesightCli;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.GateCheck;
import dev.foresight.schema.commands.GateDecision;
import dev.foresight.schema.commands.GateVerdict;
import dev.foresight.schema.commands.Incident;
import dev.foresight.schema.commands.IncidentChange;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.StageOperation;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight run} on a real broker, alerting and gate settings from {@code --config}. Incidents: thirty alerts
 * of one cause and subject make one incident whose severity rises, an operator acknowledges it over REST, and the
 * incident nobody acknowledges is escalated to the configured target once the timeout has passed. Gates: a risky
 * latest build blocks a synthesized stage and a deployment of its service, with the evidence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentsAndGatesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern STARTED = Pattern.compile("on (\\S+) \\(embedded\\).*REST API on (http://[^;\\s]+);");
    /** Recent, as the broker deletes records older than a topic's retention; fixed for the run. */
    private static final Instant T0 = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);

    @TempDir
    static Path dir;

    private BackgroundCommand app;
    private String bootstrap;
    private String api;

    @BeforeAll
    void startApp() throws Exception {
        Path config = Files.writeString(dir.resolve("foresight.properties"), String.join("\n",
                "foresight.alerting.window=10m", "foresight.alerting.repeatCount=3",
                "foresight.alerting.escalationTimeout=5s", "foresight.alerting.escalationTarget=platform-oncall",
                "foresight.alerting.timerInterval=1s", "foresight.gates.maxBuildRisk=0.7", ""));
        app = BackgroundCommand.start("run", "--no-simulators", "--broker-port", "0", "--http-port", "0",
                "--data-dir", dir.resolve("kafka").toString(), "--state-dir", dir.resolve("state").toString(),
                "--application-id", "incidents-gates-it", "--config", config.toString());
        Matcher started = app.awaitLine(STARTED, TIMEOUT);
        bootstrap = started.group(1);
        api = started.group(2);
    }

    @AfterAll
    void stopApp() throws Exception {
        if (app != null) {
            assertEquals(ForesightCli.OK, app.stop(TIMEOUT), app.output());
        }
    }

    @Test
    void shouldGroupAlertsIntoOneIncidentAcknowledgeItOverRestAndEscalateTheUnansweredOne() throws Exception {
        for (int i = 0; i < 30; i++) {
            send(Topics.ALERTS, "checkout", alert("checkout", i), T0.plusSeconds(20L * i));
        }
        send(Topics.ALERTS, "payments", alert("payments", 0), T0);
        try (TopicReader<Incident> incidents = reader(Topics.INCIDENTS)) {
            String checkoutId = values(readUntil(incidents, has("checkout", IncidentChange.OPENED))).stream()
                    .filter(i -> i.getSubject().equals("checkout")).findFirst().orElseThrow().getIncidentId();
            HttpResponse<String> ack = post("/incidents/ack", "{\"incidentId\": \"" + checkoutId
                    + "\", \"by\": \"alice\"}");
            assertEquals(202, ack.statusCode(), ack.body());

            List<Incident> seen = values(readUntil(incidents, has("checkout", IncidentChange.ACKNOWLEDGED)
                    .and(has("payments", IncidentChange.ESCALATED)).and(has("checkout", IncidentChange.SEVERITY_RAISED))));

            assertEquals(1, seen.stream().filter(i -> i.getSubject().equals("checkout")
                    && i.getChange() == IncidentChange.OPENED).count(), seen.toString());
            Incident escalated = seen.stream().filter(i -> i.getSubject().equals("payments")
                    && i.getChange() == IncidentChange.ESCALATED).findFirst().orElseThrow();
            assertEquals("platform-oncall", escalated.getEscalatedTo());
            assertTrue(seen.stream().anyMatch(i -> i.getSubject().equals("checkout")
                    && i.getSeverity() == AlertSeverity.CRITICAL), seen.toString());
            assertTrue(get("/metrics").contains("foresight_commands_total{topic=\"incidents.v1\",type=\"anomaly\"}"),
                    "incidents counted as commands");
        }
    }

    @Test
    void shouldBlockAStageAndADeploymentOfAServiceWhoseLatestBuildIsRisky() throws Exception {
        send(Topics.RISK_SCORES, "billing", new RiskScore("billing", null, T0, 0.9, decision(), "b-9"), T0);
        try (TopicReader<GateDecision> gates = reader(Topics.GATE_DECISIONS)) {
            GateDecision stage = blockedStage(gates);
            assertEquals("billing", stage.getServiceId());
            GateCheck risk = stage.getChecks().stream().filter(c -> c.getGate().equals("build-risk")).findFirst()
                    .orElseThrow();
            assertFalse(risk.getPassed());
            assertEquals(0.7, risk.getThreshold(), "the threshold from --config");
            assertEquals("b-9", stage.getDecision().getEvidence().get("build.id"));

            Instant at = T0.plusSeconds(90);
            send(Topics.DEPLOYMENTS, "d-9", DeploymentEvent.newBuilder().setEventId("e-d-9").setDeploymentId("d-9")
                    .setServiceId("billing").setTimestamp(at)
                    .setPayload(new DeploymentStarted("1.0.0", "1.1.0", List.of("h1"), List.of(), List.of(), null)).build(),
                    at);
            GateDecision deployment = values(readUntil(gates, records -> records.stream()
                    .anyMatch(r -> r.value().getTargetId().equals("d-9")))).stream()
                    .filter(d -> d.getTargetId().equals("d-9")).findFirst().orElseThrow();
            assertEquals(GateVerdict.BLOCK, deployment.getVerdict(), deployment.toString());
            assertTrue(get("/metrics").contains("foresight_commands_total{topic=\"gate.decisions.v1\""),
                    "gate decisions counted as commands");
        }
    }

    /**
     * A stage command and the risk travel on different topics, so the first command may be judged before the risk
     * is read: send stage commands until one is judged with it (the risk stays the latest, so that must happen).
     */
    private GateDecision blockedStage(TopicReader<GateDecision> gates) throws Exception {
        for (int i = 0; ; i++) {
            String id = "stage-" + i;
            Instant at = T0.plusSeconds(60 + i);
            send(Topics.PIPELINE_COMMANDS, "billing", PipelineSynthesisCommand.newBuilder().setCommandId(id)
                    .setIssuedAt(at).setServiceId("billing").setOperation(StageOperation.ADD_STAGE)
                    .setStageType("scaling").setPipelineVersion(2 + i).setParentVersion(1).setStageDefinition("{}")
                    .setDecision(decision()).build(), at);
            Optional<GateDecision> judged = values(readUntil(gates, records -> records.stream()
                    .anyMatch(r -> r.value().getTargetId().equals(id)))).stream()
                    .filter(d -> d.getTargetId().equals(id) && d.getVerdict() == GateVerdict.BLOCK).findFirst();
            if (judged.isPresent() || i >= 5) {
                return judged.orElseThrow(() -> new AssertionError("no stage blocked by the risk: " + app.output()));
            }
        }
    }

    private <V extends SpecificRecord> TopicReader<V> reader(TopicSpec<V> topic) {
        return new TopicReader<>(bootstrap, topic.name(), AvroSerdes.bundled().<V>valueSerde().deserializer());
    }

    private <V> List<ConsumerRecord<String, V>> readUntil(TopicReader<V> reader,
                                                         Predicate<List<ConsumerRecord<String, V>>> done) {
        try {
            return reader.readUntil(done, TIMEOUT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\napp output:\n" + app.output(), e);
        }
    }

    private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static Predicate<List<ConsumerRecord<String, Incident>>> has(String subject, IncidentChange change) {
        return records -> records.stream().map(ConsumerRecord::value)
                .anyMatch(i -> i.getSubject().equals(subject) && i.getChange() == change);
    }

    /** An alert as the signals feature raises it, keyed by its subject like every alert. */
    private static Alert alert(String subject, int i) {
        return Alert.newBuilder().setAlertId(subject + "-" + i).setIssuedAt(T0.plusSeconds(20L * i)).setKind("anomaly")
                .setSeverity(AlertSeverity.WARNING).setSubject(subject).setMessage("cpu of " + subject + " is anomalous")
                .setDecision(decision()).build();
    }

    private static Decision decision() {
        return Decision.newBuilder().setMadeBy("it").setVersion("1").build();
    }

    private <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value, Instant at)
            throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), AvroSerdes.bundled().<V>valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), key, value)).get();
        }
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
