package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

    private static final Instant START = Instant.parse("2026-03-29T06:00:00Z");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ForesightCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** Two hours of 1 request a minute, then an hour of 4 a minute with a heavy batch caller; a forge outage. */
    private Path[] logs() throws IOException {
        List<String> requests = new ArrayList<>();
        for (int minute = 0; minute < 180; minute++) {
            int perMinute = minute < 120 ? 1 : 4;
            for (int i = 0; i < perMinute; i++) {
                boolean batch = minute >= 120 && i == 3;
                requests.add(String.format(Locale.ROOT, "{\"timestamp\": \"%s\", \"caller\": \"%s\", "
                                + "\"prompt_tokens\": %d, \"completion_tokens\": 50, \"latency_ms\": 500, \"success\": true}",
                        START.plusSeconds(60L * minute + 10L * i), batch ? "nightly-batch" : "chat",
                        batch ? 8000 : 200));
            }
        }
        List<String> ticks = new ArrayList<>();
        for (int minute = 0; minute < 180; minute++) {
            ticks.add(String.format(Locale.ROOT, "{\"timestamp\": \"%s\", \"gitea_alive\": %b, \"inference_ok\": true}",
                    START.plusSeconds(60L * minute + 30), minute != 150));
        }
        Path metrics = Files.write(dir.resolve("local_20260329.jsonl"), requests);
        Path heartbeat = Files.write(dir.resolve("ticks_20260329.jsonl"), ticks);
        return new Path[] {metrics, heartbeat};
    }

    @Test
    void shouldPrintTheSeedsJsonContractValidAgainstThePublishedSchema() throws IOException {
        Path[] logs = logs();
        assertEquals(ForesightCli.OK, run("report", "--metrics", logs[0].toString(), "--heartbeat",
                logs[1].toString(), "--recent", "1h", "--baseline", "1h", "--horizon", "6", "--json"), err.toString());

        JsonNode report = new ObjectMapper().readTree(out.toString());
        Set<ValidationMessage> errors = schema().validate(report);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals("surge", report.get("resource_mode").asText());
        assertEquals("degraded", report.get("dispatch_posture").asText());
        assertEquals(6, report.get("horizon_hours").asInt());
        // the last report time the logs reach is 08:55: 5 + 55 x 4 requests against 60 in the hour before
        assertEquals(3.75, report.get("surge_factor").asDouble());
        assertEquals("critical", report.get("demand_level").asText());
        assertEquals(1, report.get("gitea_outages").asInt());
        assertEquals("chat", report.get("top_callers").get(0).get("caller").asText());
        assertTrue(report.get("recommended_actions").toString().contains("Throttle background jobs: nightly-batch"));
    }

    @Test
    void shouldRejectAReportThatBreaksTheContract() throws IOException {
        JsonNode broken = new ObjectMapper().readTree("{\"resource_mode\": \"busy\"}");
        assertEquals(false, schema().validate(broken).isEmpty());
    }

    @Test
    void shouldPrintMarkdownAndWriteTheChart() throws IOException {
        Path[] logs = logs();
        Path chart = dir.resolve("demand.svg");
        assertEquals(ForesightCli.OK, run("report", "--metrics", logs[0].toString(), "--heartbeat",
                logs[1].toString(), "--out", chart.toString()), err.toString());

        assertTrue(out.toString().startsWith("# Fleet demand: fleet-local"), out.toString());
        assertTrue(out.toString().contains("| chat |"));
        String svg = Files.readString(chart);
        assertTrue(svg.startsWith("<svg") && svg.contains("<polygon") && svg.contains("<polyline"));
    }

    @Test
    void shouldExitWithUsageAndOneLineForAMissingFileABadLineOrABadHorizon() throws IOException {
        assertEquals(ForesightCli.USAGE, run("report", "--metrics", dir.resolve("missing.jsonl").toString()));
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"timestamp\": \"yesterday\", \"caller\": \"c\"}\n");
        assertEquals(ForesightCli.USAGE, run("report", "--metrics", bad.toString()));
        assertEquals(ForesightCli.USAGE, run("report", "--metrics", logs()[0].toString(), "--horizon", "-1"));
        List<String> lines = err.toString().lines().toList();
        assertEquals(3, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("report: no such file"), lines.get(0));
        assertTrue(lines.get(1).contains("bad.jsonl line 1"), lines.get(1));
        assertTrue(lines.get(2).contains("--horizon"), lines.get(2));
    }

    private JsonSchema schema() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/json-schema/demand-report.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
