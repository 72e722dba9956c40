package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.ForesightCli;
import dev.foresight.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight run} on a real broker answers its probes and serves Prometheus metrics in which the
 * events it read, the dead letter it wrote and the command it issued are counted, next to Kafka Streams' own.
 */
class MetricsEndpointIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern STARTED = Pattern.compile("on (\\S+) \\(embedded\\).*REST API on (http://[^;\\s]+);");
    private static final long RETRY_PAUSE_MS = 200;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private String api;

    @Test
    void shouldCountEventsDeadLettersAndCommandsNextToKafkaStreamsMetrics() throws Exception {
        try (BackgroundCommand app = BackgroundCommand.start("run", "--no-simulators", "--broker-port", "0",
                "--http-port", "0", "--data-dir", dir.resolve("kafka").toString(),
                "--state-dir", dir.resolve("state").toString(), "--application-id", "metrics-it")) {
            Matcher started = app.awaitLine(STARTED, TIMEOUT);
            api = started.group(2);
            assertEquals(200, await("GET", "/health/ready", r -> r.statusCode() == 200).statusCode());
            sendGarbage(started.group(1));
            assertEquals(202, call("POST", "/shadow/create/wf-metrics", "{\"workflowType\": \"etl\"}").statusCode());
            HttpResponse<String> submitted = await("POST", "/shadow/wf-metrics/submit/a-1",
                    r -> r.statusCode() != 404 && r.statusCode() != 503);
            assertEquals(202, submitted.statusCode(), submitted.body());

            String metrics = await("GET", "/metrics", r -> r.body().contains("foresight_commands_total{")
                    && r.body().contains("foresight_dead_letters_total{")).body();

            assertTrue(counted(metrics, "foresight_events_in_total", "topic=\"workflow.events.v1\"") >= 2, metrics);
            assertTrue(counted(metrics, "foresight_dead_letters_total", "topic=\"telemetry.events.v1\"") >= 1, metrics);
            assertTrue(counted(metrics, "foresight_commands_total", "topic=\"allocation.commands.v1\"") >= 1, metrics);
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("kafka_stream_")), "no Kafka Streams metric");
            assertTrue(metrics.contains("jvm_memory_used_bytes"), "no JVM metric");
            assertTrue(metrics.contains("foresight_http_requests_seconds_count{"), "no REST latency");
            assertTrue(metrics.contains("foresight_store_entries{store=\"workflow-shadow-store\"}"), "no store size");
            assertEquals(ForesightCli.OK, app.stop(TIMEOUT), app.output());
        }
    }

    /** Bytes that are not Avro at all, on an input topic: a dead letter by the validating processor. */
    private static void sendGarbage(String bootstrapServers) throws Exception {
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

    private HttpResponse<String> await(String method, String path, Predicate<HttpResponse<String>> done)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        HttpResponse<String> response = call(method, path, method.equals("POST") ? "{\"actionType\": \"extract\"}" : "");
        while (!done.test(response) && System.nanoTime() < deadline) {
            Thread.sleep(RETRY_PAUSE_MS);
            response = call(method, path, method.equals("POST") ? "{\"actionType\": \"extract\"}" : "");
        }
        assertTrue(done.test(response), method + " " + path + " still " + response.statusCode() + ": " + response.body());
        return response;
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
