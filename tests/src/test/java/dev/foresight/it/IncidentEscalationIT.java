package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.ForesightCli;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.Incident;
import dev.foresight.schema.commands.IncidentChange;
import dev.foresight.schema.common.Decision;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight run} on a real broker, its alerting settings from {@code --config}: thirty alerts of one cause
 * and subject make one incident whose severity rises, an operator acknowledges it over REST, and the incident
 * nobody acknowledges is escalated to the configured target once the timeout has passed.
 */
class IncidentEscalationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern STARTED = Pattern.compile("on (\\S+) \\(embedded\\).*REST API on (http://[^;\\s]+);");
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldGroupAlertsIntoOneIncidentAcknowledgeItOverRestAndEscalateTheUnansweredOne() throws Exception {
        Path config = Files.writeString(dir.resolve("foresight.properties"), String.join("\n",
                "foresight.alerting.window=10m", "foresight.alerting.repeatCount=3",
                "foresight.alerting.escalationTimeout=15s", "foresight.alerting.escalationTarget=platform-oncall",
                "foresight.alerting.timerInterval=1s", ""));
        BackgroundCommand app = BackgroundCommand.start("run", "--no-simulators", "--broker-port", "0",
                "--http-port", "0", "--data-dir", dir.resolve("kafka").toString(), "--state-dir",
                dir.resolve("state").toString(), "--application-id", "incident-it", "--config", config.toString());
        try {
            Matcher started = app.awaitLine(STARTED, TIMEOUT);
            String bootstrap = started.group(1);
            sendAlerts(bootstrap, "checkout", 30);
            sendAlerts(bootstrap, "payments", 1);
            try (TopicReader<Incident> incidents = new TopicReader<>(bootstrap, Topics.INCIDENTS.name(),
                    AvroSerdes.bundled().<Incident>valueSerde().deserializer())) {
                String checkoutId = incidents.readUntil(has("checkout", IncidentChange.OPENED), TIMEOUT).stream()
                        .map(ConsumerRecord::value).filter(i -> i.getSubject().equals("checkout")).findFirst()
                        .orElseThrow().getIncidentId();
                HttpResponse<String> ack = post(started.group(2) + "/incidents/ack",
                        "{\"incidentId\": \"" + checkoutId + "\", \"by\": \"alice\"}");
                assertEquals(202, ack.statusCode(), ack.body());

                List<Incident> seen = incidents.readUntil(has("checkout", IncidentChange.ACKNOWLEDGED)
                        .and(has("payments", IncidentChange.ESCALATED))
                        .and(has("checkout", IncidentChange.SEVERITY_RAISED)), TIMEOUT).stream()
                        .map(ConsumerRecord::value).toList();

                assertEquals(1, count(seen, "checkout", IncidentChange.OPENED), seen.toString());
                Incident escalated = seen.stream().filter(i -> i.getSubject().equals("payments")
                        && i.getChange() == IncidentChange.ESCALATED).findFirst().orElseThrow();
                assertEquals("platform-oncall", escalated.getEscalatedTo());
                assertTrue(seen.stream().anyMatch(i -> i.getSubject().equals("checkout")
                        && i.getSeverity() == AlertSeverity.CRITICAL), seen.toString());
            }
        } finally {
            assertEquals(ForesightCli.OK, app.stop(TIMEOUT), app.output());
        }
    }

    private static Predicate<List<ConsumerRecord<String, Incident>>> has(String subject, IncidentChange change) {
        return records -> records.stream().map(ConsumerRecord::value)
                .anyMatch(i -> i.getSubject().equals(subject) && i.getChange() == change);
    }

    private static long count(List<Incident> incidents, String subject, IncidentChange change) {
        return incidents.stream().filter(i -> i.getSubject().equals(subject) && i.getChange() == change).count();
    }

    /** Alerts as a feature would raise them, keyed by subject like the features' own. */
    private static void sendAlerts(String bootstrap, String subject, int count) throws Exception {
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), AvroSerdes.bundled().<Alert>valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                Instant at = START.plusSeconds(20L * i);
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), null, at.toEpochMilli(), subject,
                        Alert.newBuilder().setAlertId(subject + "-" + i).setIssuedAt(at).setKind("anomaly")
                                .setSeverity(AlertSeverity.WARNING).setSubject(subject)
                                .setMessage("cpu of " + subject + " is anomalous")
                                .setDecision(Decision.newBuilder().setMadeBy("it").setVersion("1").build())
                                .build())).get();
            }
        }
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
