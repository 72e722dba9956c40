package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.app.ForesightCli;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight run} on a real broker, as an operator meets it: its probes, its Prometheus metrics (the
 * events it read, the dead letter it wrote and the command it issued, next to Kafka Streams' own), and
 * {@code foresight explain} on the reservation it issued for a submitted action.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperabilityIT {

    private static final Duration TIMEOUT = RunningApp.TIMEOUT;

    private final ObjectMapper mapper = new ObjectMapper();
    @TempDir
    static Path dir;

    private RunningApp app;
    private String bootstrapServers;
    private String reserveId;

    /** One app for every test: a dead letter, a workflow with one submitted action and its reservation. */
    @BeforeAll
    void startAppAndIssueACommand() throws Exception {
        app = RunningApp.start(dir, "operability-it");
        bootstrapServers = app.bootstrapServers();
        sendGarbage();
        app.create("wf-ops", "etl");
        app.submit("wf-ops", "a-1", "extract");
        reserveId = reservation().getCommandId();
    }

    @AfterAll
    void stopApp() throws Exception {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void shouldBeAliveAndReadyWhileRunningWithoutAToken() throws Exception {
        assertEquals(200, app.call("GET", "/health/live", "").statusCode());
        HttpResponse<String> ready = app.call("GET", "/health/ready", "");
        assertEquals(200, ready.statusCode());
        assertEquals("RUNNING", mapper.readTree(ready.body()).get("state").asText());
    }

    @Test
    void shouldCountEventsDeadLettersAndCommandsNextToKafkaStreamsMetrics() throws Exception {
        String metrics = app.await("GET", "/metrics", "", r -> r.body().contains("foresight_commands_total{")
                && r.body().contains("foresight_dead_letters_total{")).body();

        assertTrue(counted(metrics, "foresight_events_in_total", "topic=\"workflow.events.v1\"") >= 2, metrics);
        assertTrue(counted(metrics, "foresight_dead_letters_total", "topic=\"telemetry.events.v1\"") >= 1, metrics);
        assertTrue(counted(metrics, "foresight_commands_total", "type=\"RESERVE\"") >= 1, metrics);
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("kafka_stream_")), "no Kafka Streams metric");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "no JVM metric");
        assertTrue(metrics.contains("foresight_http_requests_seconds_count{"), "no REST latency");
        assertTrue(metrics.contains("foresight_store_entries{store=\"workflow-shadow-store\"}"), "no store size");
    }

    @Test
    void shouldExplainTheReservationWithTheShadowItWasSizedFrom() {
        StringWriter out = new StringWriter();

        int code = ForesightCli.commandLine().setOut(new PrintWriter(out, true))
                .execute("explain", reserveId, "--bootstrap-servers", bootstrapServers);

        assertEquals(ForesightCli.OK, code, out.toString());
        String markdown = out.toString();
        assertTrue(markdown.startsWith("# RESERVE " + reserveId), markdown);
        assertTrue(markdown.contains("| target | wf-ops/a-1 |"), markdown);
        assertTrue(markdown.contains("### State it read"), markdown);
        assertTrue(markdown.contains("| shadow.workflow | wf-ops (etl) |"), markdown);
        assertTrue(markdown.contains("| action | a-1 (extract) |"), markdown);
    }

    @Test
    void shouldExplainTheReservationAsJson() throws Exception {
        StringWriter out = new StringWriter();

        int code = ForesightCli.commandLine().setOut(new PrintWriter(out, true))
                .execute("explain", reserveId, "--json", "--bootstrap-servers", bootstrapServers);

        assertEquals(ForesightCli.OK, code, out.toString());
        JsonNode explained = mapper.readTree(out.toString());
        assertEquals(Topics.ALLOCATIONS.name(), explained.get("topic").asText());
        JsonNode decision = explained.get("command").get("decision");
        assertTrue(!decision.get("madeBy").asText().isEmpty(), decision.toString());
        assertTrue(decision.get("inputs").size() > 0, decision.toString());
        assertEquals("wf-ops (etl)", decision.get("evidence").get("shadow.workflow").asText(), decision.toString());
    }

    @Test
    void shouldSayInOneLineThatAnUnknownIdIsNotThere() {
        StringWriter err = new StringWriter();

        int code = ForesightCli.commandLine().setErr(new PrintWriter(err, true))
                .execute("explain", "no-such-command", "--bootstrap-servers", bootstrapServers);

        assertEquals(ForesightCli.USAGE, code, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("foresight explain: no command, alert or plan with id no-such-command"),
                err.toString());
    }

    private AllocationCommand reservation() {
        try (TopicReader<AllocationCommand> allocations = new TopicReader<>(bootstrapServers,
                Topics.ALLOCATIONS.name(), AvroSerdes.bundled().<AllocationCommand>valueSerde().deserializer())) {
            Predicate<AllocationCommand> reserve = c -> c.getAction() == AllocationAction.RESERVE
                    && c.getTarget().equals("wf-ops/a-1");
            return allocations.readUntil(records -> records.stream().map(ConsumerRecord::value).anyMatch(reserve),
                    TIMEOUT).stream().map(ConsumerRecord::value).filter(reserve).findFirst().orElseThrow();
        }
    }

    /** Bytes that are not Avro at all, on an input topic: a dead letter by the validating processor. */
    private void sendGarbage() throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.TELEMETRY.name(), "host-1",
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** The sum of a counter's samples whose labels contain {@code label}. */
    private static double counted(String metrics, String counter, String label) {
        List<String> samples = metrics.lines().filter(line -> line.startsWith(counter + "{") && line.contains(label))
                .toList();
        return samples.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
