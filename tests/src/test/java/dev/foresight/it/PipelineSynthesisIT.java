package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.StageOperation;
import dev.foresight.schema.commands.SynthesisDecision;
import dev.foresight.schema.commands.SynthesisDecisionKind;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.PipelineRunFinished;
import dev.foresight.schema.events.StageResult;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipeline synthesis on a real broker through {@code run}: a traffic ramp in the telemetry yields a
 * scaling stage before the ramp peaks, slower runs of that version roll it back to its parent, the
 * threshold is retuned from the outcome, and the versions are listed and diffed over REST; on another
 * service's pipeline, a 19-minute test stage is reported as the bottleneck and split into shards, which are
 * kept once they run faster.
 */
class PipelineSynthesisIT {

    private static final String SERVICE = "checkout";
    private static final String HOST = "checkout-1";
    private static final String SLOW_SUITE = "reports";
    private static final int RAMP_START = 60;
    private static final int PEAK = 100;
    private static final int LAST_MINUTE = 160;
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern STARTED = Pattern.compile(
            "on (\\S+) \\(embedded\\).*REST API on (http://[^;\\s]+);");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String bootstrap;
    private String api;
    private Instant start;

    @Test
    @SuppressWarnings("try") // see BackgroundCommand
    void shouldSynthesizeAheadOfTheRampRollBackTheSlowerVersionRetuneServeTheVersionsAndShardASlowSuite()
            throws Exception {
        start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(LAST_MINUTE + 10));
        try (BackgroundCommand run = BackgroundCommand.start("run", "--no-simulators", "--broker-port", "0",
                "--http-port", "0", "--data-dir", dir.resolve("kafka").toString(), "--state-dir",
                dir.resolve("state").toString(), "--application-id", "synthesis-it")) {
            Matcher started = run.awaitLine(STARTED, Duration.ofMinutes(2));
            bootstrap = started.group(1);
            api = started.group(2);
            sendRampAndBaselineRuns();
            PipelineSynthesisCommand add = commands(SERVICE, 1).get(0);
            assertEquals(StageOperation.ADD_STAGE, add.getOperation());
            assertEquals("scaling", add.getStageType());
            assertEquals(2, add.getPipelineVersion());
            assertEquals(1, add.getParentVersion());
            assertTrue(add.getIssuedAt().isBefore(minute(PEAK)), "synthesized at " + add.getIssuedAt());

            sendSlowRunsOf(2);
            PipelineSynthesisCommand rollback = commands(SERVICE, 2).get(1);
            assertEquals(StageOperation.ROLLBACK, rollback.getOperation());
            assertEquals(3, rollback.getPipelineVersion());
            assertEquals(2, rollback.getParentVersion());
            assertTrue(rollback.getDecision().getInputs().get("llrSlower") > 0, rollback.getDecision().toString());

            SynthesisDecision tuned = decision(SERVICE, SynthesisDecisionKind.TUNED);
            assertTrue(tuned.getDecision().getThresholds().get("multiplier")
                    != tuned.getDecision().getThresholds().get("multiplierBefore")
                    || tuned.getDecision().getThresholds().get("leadTimeMinutes")
                    != tuned.getDecision().getThresholds().get("leadTimeMinutesBefore"), tuned.toString());

            JsonNode versions = awaitJson("/pipelines/" + SERVICE + "/versions", body -> body.path("versions").size() == 3);
            assertEquals("rollback", versions.path("versions").get(2).path("madeBy").asText());
            JsonNode diff = awaitJson("/pipelines/" + SERVICE + "/diff?from=1&to=3", body -> body.has("identical"));
            assertTrue(diff.path("identical").asBoolean(), diff.toString());
            JsonNode second = awaitJson("/pipelines/" + SERVICE + "/versions/2", body -> body.has("definition"));
            assertTrue(second.path("diff").asText().contains("+- name: scale-out"), second.toString());
            assertEquals(404, call("/pipelines/" + SERVICE + "/versions/9").statusCode());

            shardTheSlowSuite();
        }
    }

    /**
     * Ten runs of a pipeline whose test stage takes 19 minutes: the tenth reports the critical path, and the
     * remedy splits the test stage into shards of about 5 minutes each; fourteen runs of that version at 6 minutes
     * keep it.
     */
    private void shardTheSlowSuite() {
        try (KafkaEventSink sink = sink()) {
            for (int r = 0; r < 10; r++) {
                sendRun(sink, SLOW_SUITE, 200 + r, minute(10 * r), 1, 1140 + 10 * (r % 3));
            }
            sink.flush();
        }
        SynthesisDecision bottleneck = decision(SLOW_SUITE, SynthesisDecisionKind.BOTTLENECK);
        assertTrue(bottleneck.getDecision().getExplanation().contains("slowest stage test"),
                bottleneck.getDecision().toString());
        PipelineSynthesisCommand shards = commands(SLOW_SUITE, 1).get(0);
        assertEquals(StageOperation.ADD_STAGE, shards.getOperation());
        assertEquals("test", shards.getStageName());
        assertEquals(2, shards.getPipelineVersion());
        double stageSeconds = shards.getDecision().getInputs().get("stageSeconds");
        assertTrue(stageSeconds > 15 * 60, shards.getDecision().toString());
        long expected = (long) Math.ceil(stageSeconds / (5 * 60));
        assertTrue(shards.getStageDefinition().replace(" ", "").contains("\"parallelism\":" + expected),
                shards.getStageDefinition() + " from " + shards.getDecision());

        try (KafkaEventSink sink = sink()) {
            // "failing more" is a sequential test on successes too: about 11 clean runs to rule it out
            for (int r = 0; r < 14; r++) {
                sendRun(sink, SLOW_SUITE, 300 + r, minute(95 + 5 * r), 2, 360 + 10 * (r % 3));
            }
            sink.flush();
        }
        SynthesisDecision kept = decision(SLOW_SUITE, SynthesisDecisionKind.KEPT);
        assertEquals(2, kept.getPipelineVersion(), kept.toString());
    }

    /**
     * One host, a sample every 10 s: flat at 100 requests/s, then up to 220 between minutes 60 and 100,
     * then flat; the last sample, 25 minutes later, closes the minutes. Five runs of version 1 on the
     * pipeline topic are the parent's baseline.
     */
    private void sendRampAndBaselineRuns() {
        try (KafkaEventSink sink = sink()) {
            for (int r = 0; r < 5; r++) {
                sendRun(sink, SERVICE, r, minute(r), 1, 600 + 10 * (r % 3));
            }
            for (int s = 0; s <= 110 * 6; s++) {
                double m = s / 6.0;
                double rate = 100 * (1 + 1.2 * Math.max(0, Math.min(1, (m - RAMP_START) / (PEAK - RAMP_START))));
                sendTelemetry(sink, s, start.plusSeconds(10L * s), rate * (1 + 0.02 * Math.sin(s)));
            }
            sendTelemetry(sink, 10_000, minute(LAST_MINUTE), 100);
            sink.flush();
        }
    }

    /**
     * The executor ran the new version: 50 % slower each time, after the stage's hour in force (a harmful
     * scaling stage that carries its need is rolled back once the need clears). Four runs: enough for the
     * sequential test, and with the five before, one short of the tenth run that would also report the
     * critical path.
     */
    private void sendSlowRunsOf(int version) {
        try (KafkaEventSink sink = sink()) {
            for (int r = 0; r < 4; r++) {
                sendRun(sink, SERVICE, 100 + r, minute(PEAK + 45 + r), version, 900 + 10 * (r % 3));
            }
            sink.flush();
        }
    }

    private KafkaEventSink sink() {
        return KafkaEventSink.connect(Map.of("bootstrap.servers", bootstrap), AvroSerdes.bundled());
    }

    private void sendTelemetry(KafkaEventSink sink, int n, Instant at, double rate) {
        sink.send(Topics.TELEMETRY, HOST, TelemetryEvent.newBuilder().setEventId("t-" + n).setHostId(HOST)
                .setServiceId(SERVICE).setTimestamp(at).setCpuUtilization(0.3).setMemoryUtilization(0.4)
                .setNetworkMbps(10).setLatencyMs(20).setRequestRate(rate).setErrorRate(0.001).setKpis(Map.of())
                .setDeploymentId(null).build(), at.toEpochMilli());
    }

    private void sendRun(KafkaEventSink sink, String service, int n, Instant at, int version, double testSeconds) {
        PipelineRunFinished run = new PipelineRunFinished("run-" + n, version, true, List.of(
                new StageResult("build", 300_000L, true, 1.0),
                new StageResult("test", Math.round(testSeconds * 1000), true, 1.0),
                new StageResult("deploy", 120_000L, true, 0.5)));
        sink.send(Topics.PIPELINES, service, new PipelineEvent("p-" + n, service, at, run), at.toEpochMilli());
    }

    private Instant minute(int m) {
        return start.plus(Duration.ofMinutes(m));
    }

    /** The commands to the service's pipeline in their order (they share a partition), once there are {@code count}. */
    private List<PipelineSynthesisCommand> commands(String service, int count) {
        try (TopicReader<PipelineSynthesisCommand> reader = new TopicReader<>(bootstrap, Topics.PIPELINE_COMMANDS.name(),
                AvroSerdes.bundled().<PipelineSynthesisCommand>valueSerde().deserializer())) {
            return reader.readUntil(records -> records.stream().map(ConsumerRecord::value)
                            .filter(c -> c.getServiceId().equals(service)).count() >= count, TIMEOUT).stream()
                    .map(ConsumerRecord::value).filter(c -> c.getServiceId().equals(service)).toList();
        }
    }

    private SynthesisDecision decision(String service, SynthesisDecisionKind kind) {
        try (TopicReader<SynthesisDecision> reader = new TopicReader<>(bootstrap, Topics.SYNTHESIS_DECISIONS.name(),
                AvroSerdes.bundled().<SynthesisDecision>valueSerde().deserializer())) {
            return reader.readUntil(records -> records.stream().anyMatch(r -> matches(r.value(), service, kind)),
                    TIMEOUT).stream().map(ConsumerRecord::value).filter(d -> matches(d, service, kind))
                    .findFirst().orElseThrow();
        }
    }

    private static boolean matches(SynthesisDecision decision, String service, SynthesisDecisionKind kind) {
        return decision.getKind() == kind && decision.getServiceId().equals(service);
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> response = call(path);
            if (response.statusCode() == 200) {
                JsonNode body = JSON.readTree(response.body());
                if (done.test(body)) {
                    return body;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " still answers " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(response.headers().firstValue("Retry-After").map(s -> Long.parseLong(s) * 1000).orElse(200L));
        }
    }

    private HttpResponse<String> call(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
