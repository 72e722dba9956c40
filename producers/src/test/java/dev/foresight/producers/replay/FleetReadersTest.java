package dev.foresight.producers.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetReadersTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadOneRequestPerMetricsLineWithEitherSpelling() throws IOException {
        Path file = TraceFiles.write(dir, "local_20260329.jsonl",
                "{\"timestamp\": \"2026-03-29T10:00:00Z\", \"caller\": \"chat\", \"model\": \"m\", "
                        + "\"prompt_tokens\": 400, \"completion_tokens\": 100, \"latency_ms\": 830, \"success\": true}",
                "",
                "{\"ts\": 1774778460, \"agent\": \"batch\", \"prompt_len\": 9000, \"response_len\": 10, "
                        + "\"elapsed_s\": 2.5, \"status\": \"error\"}");
        List<RequestMetricEvent> requests = TraceFiles.replay("fleet-metrics", file, Topics.FLEET_REQUESTS);

        assertEquals(2, requests.size());
        RequestMetricEvent first = requests.get(0);
        assertEquals("fleet-local", first.getFleetId());
        assertEquals("chat", first.getCaller());
        assertEquals(Instant.parse("2026-03-29T10:00:00Z"), first.getTimestamp());
        assertEquals(500, first.getPromptTokens() + first.getCompletionTokens());
        assertTrue(first.getSuccess());
        RequestMetricEvent second = requests.get(1);
        assertEquals("batch", second.getCaller());
        assertEquals(Instant.ofEpochSecond(1774778460), second.getTimestamp());
        assertEquals(2500, second.getLatencyMs());
        assertFalse(second.getSuccess());
    }

    @Test
    void shouldReadHeartbeatFlagsFlatOrNestedInPerception() throws IOException {
        Path file = TraceFiles.write(dir, "ticks_20260329.jsonl",
                "{\"timestamp\": \"2026-03-29T10:00:00Z\", \"gitea_alive\": false, \"inference_ok\": true}",
                "{\"timestamp\": \"2026-03-29T10:01:00Z\", \"perception\": {\"gitea_alive\": true, "
                        + "\"model_health\": {\"inference_ok\": false}}}");
        List<FleetHeartbeatEvent> ticks = TraceFiles.replay("fleet-heartbeat", ReplayOptions.defaults().withServiceId("lab"),
                file, Topics.FLEET_HEARTBEATS);

        assertEquals(List.of(false, true), ticks.stream().map(FleetHeartbeatEvent::getForgeAvailable).toList());
        assertEquals(List.of(true, false), ticks.stream().map(FleetHeartbeatEvent::getInferenceHealthy).toList());
        assertEquals("lab", ticks.get(0).getFleetId());
    }

    @Test
    void shouldNameFileAndLineOfABadLine() throws IOException {
        Path file = TraceFiles.write(dir, "local_bad.jsonl",
                "{\"timestamp\": \"2026-03-29T10:00:00Z\", \"caller\": \"chat\"}", "{not json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TraceFiles.replay("fleet-metrics", file, Topics.FLEET_REQUESTS));
        assertTrue(e.getMessage().startsWith("local_bad.jsonl line 2 is not JSON"), e.getMessage());
    }

    @Test
    void shouldTurnEveryAzureArrivalIntoARequest() throws IOException {
        Path file = TraceFiles.write(dir, "AzureLLMInferenceTrace_conv.csv", "TIMESTAMP,ContextTokens,GeneratedTokens",
                "2023-11-16 18:15:46.6805900,374,44", "2023-11-16 18:15:50.9951690,396,109");
        List<RequestMetricEvent> requests = TraceFiles.replay("azure-requests", file, Topics.FLEET_REQUESTS);

        assertEquals(2, requests.size());
        assertEquals(374, requests.get(0).getPromptTokens());
        assertEquals(109, requests.get(1).getCompletionTokens());
        assertEquals(Instant.parse("2023-11-16T18:15:50.995Z"), requests.get(1).getTimestamp());
    }
}
