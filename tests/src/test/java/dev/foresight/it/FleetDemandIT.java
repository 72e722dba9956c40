package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.app.ForesightCli;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.DemandLevel;
import dev.foresight.schema.commands.DemandReport;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleet demand posture on a real broker: events in, reports and pre-warm commands out; run and report end to end. */
class FleetDemandIT {

    private static final String FLEET = "fleet-it";
    private static final Pattern STARTED = Pattern.compile("on (\\S+) \\(embedded\\)");

    @TempDir
    Path dir;

    /**
     * Four hours back from a whole five minutes: three at 1 request a minute, then one at 4 a minute,
     * so the report at the end compares 240 requests with a baseline of 60 an hour. The event that takes
     * event time past the report's grace is a request, sent last: requests and heartbeats are separate
     * partitions, so a heartbeat past the end could be read before the last requests and issue the report
     * without them; a request is ordered after every other request by its partition.
     */
    @Test
    void shouldPublishACriticalReportAndPreWarmWhenRequestsQuadruple() throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        Instant start = end.minus(Duration.ofHours(4));
        try (AppOnBroker app = AppOnBroker.start(dir, "fleet-it", Duration.ofSeconds(90))) {
            try (KafkaEventSink sink = KafkaEventSink.connect(
                    Map.of("bootstrap.servers", app.bootstrapServers()), AvroSerdes.bundled())) {
                int n = 0;
                for (int minute = 0; minute < 240; minute++) {
                    Instant at = start.plus(Duration.ofMinutes(minute));
                    int perMinute = minute < 180 ? 1 : 4;
                    for (int i = 0; i < perMinute; i++) {
                        n = sendRequest(sink, n, at.plusSeconds(10L * i));
                    }
                    Instant beat = at.plusSeconds(50);
                    sink.send(Topics.FLEET_HEARTBEATS, FLEET, FleetHeartbeatEvent.newBuilder().setEventId("h" + minute)
                            .setFleetId(FLEET).setTimestamp(beat).setForgeAvailable(true).setInferenceHealthy(true)
                            .build(), beat.toEpochMilli());
                }
                sendRequest(sink, n, end.plusSeconds(90));
                sink.flush();
            }
            try (TopicReader<DemandReport> reports = new TopicReader<>(app.bootstrapServers(),
                    Topics.DEMAND_REPORTS.name(), AvroSerdes.bundled().<DemandReport>valueSerde().deserializer())) {
                List<ConsumerRecord<String, DemandReport>> seen = reports.readUntil(
                        records -> records.stream().anyMatch(r -> r.value().getIssuedAt().equals(end)),
                        Duration.ofSeconds(60));
                DemandReport last = seen.stream().map(ConsumerRecord::value)
                        .filter(r -> r.getIssuedAt().equals(end)).findFirst().orElseThrow();
                assertEquals(FLEET, last.getScope());
                assertEquals(4.0, last.getSurgeFactor(), 1e-9);
                assertEquals(DemandLevel.CRITICAL, last.getDemandLevel());
                assertEquals(48, seen.size(), "one report every 5 minutes of the 4 hours");
            }
            try (TopicReader<AllocationCommand> commands = new TopicReader<>(app.bootstrapServers(),
                    Topics.ALLOCATIONS.name(), AvroSerdes.bundled().<AllocationCommand>valueSerde().deserializer())) {
                AllocationCommand boost = commands.readUntil(records -> !records.isEmpty(), Duration.ofSeconds(30))
                        .get(0).value();
                assertEquals(AllocationAction.BOOST, boost.getAction());
                assertEquals(FLEET + "/local-inference", boost.getTarget());
            }
        }
    }

    /** {@code run} with its simulators, then {@code report} and {@code report --json} against its broker. */
    @Test
    @SuppressWarnings("try") // see BackgroundCommand
    void shouldPublishReportsDuringRunAndPrintTheLatestFromTheTopic() throws Exception {
        try (BackgroundCommand run = BackgroundCommand.start("run", "--broker-port", "0", "--http-port", "0",
                "--data-dir", dir.resolve("kafka").toString(), "--state-dir", dir.resolve("state").toString(),
                "--application-id", "fleet-run-it", "--backlog", "2h", "--speedup", "600")) {
            Matcher started = run.awaitLine(STARTED, Duration.ofMinutes(2));
            String bootstrap = started.group(1);
            try (TopicReader<DemandReport> reports = new TopicReader<>(bootstrap, Topics.DEMAND_REPORTS.name(),
                    AvroSerdes.bundled().<DemandReport>valueSerde().deserializer())) {
                reports.readUntil(records -> records.size() >= 3, Duration.ofMinutes(3));
            }
            StringWriter json = new StringWriter();
            assertEquals(ForesightCli.OK, ForesightCli.commandLine().setOut(new PrintWriter(json, true))
                    .execute("report", "--bootstrap-servers", bootstrap, "--json"));
            JsonNode contract = new ObjectMapper().readTree(json.toString());
            assertEquals(Set.of("resource_mode", "dispatch_posture", "horizon_hours", "recent_request_rate",
                    "baseline_request_rate", "predicted_request_rate", "surge_factor", "demand_level", "gitea_outages",
                    "inference_failures", "top_callers", "recommended_actions"), fieldNames(contract));
            assertTrue(contract.get("recent_request_rate").asDouble() > 0, json.toString());

            StringWriter markdown = new StringWriter();
            assertEquals(ForesightCli.OK, ForesightCli.commandLine().setOut(new PrintWriter(markdown, true))
                    .execute("report", "--bootstrap-servers", bootstrap));
            assertTrue(markdown.toString().startsWith("# Fleet demand: fleet-local"), markdown.toString());
        }
    }

    private static int sendRequest(KafkaEventSink sink, int n, Instant t) {
        sink.send(Topics.FLEET_REQUESTS, FLEET, RequestMetricEvent.newBuilder().setEventId("r" + n).setFleetId(FLEET)
                .setCaller("chat").setTimestamp(t).setPromptTokens(100).setCompletionTokens(20).setLatencyMs(300)
                .setSuccess(true).build(), t.toEpochMilli());
        return n + 1;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
