package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-request metric logs ({@code metrics/local_*.jsonl}), one request per line:
 * {@code {"timestamp": "2026-03-29T10:00:00Z", "caller": "chat-agent", "model": "local-small",
 * "prompt_tokens": 420, "completion_tokens": 96, "latency_ms": 830, "success": true}}.
 * Also read: {@code ts}/{@code time} for the time (ISO, or epoch seconds or milliseconds);
 * {@code agent}/{@code source} for the caller; {@code prompt_len}/{@code input_tokens} and
 * {@code response_len}/{@code output_tokens}, or {@code tokens} for the total; {@code elapsed_s}/
 * {@code latency_s} in seconds; {@code ok} or {@code status} for success (missing means success).
 */
final class FleetMetricsReader implements TraceReader {

    static final String DEFAULT_FLEET = "fleet-local";

    private final ReplayOptions options;

    FleetMetricsReader(ReplayOptions options) {
        this.options = options;
    }

    @Override
    public List<TimedEvent<?>> read(Path file) throws IOException {
        String fleet = options.serviceId().orElse(DEFAULT_FLEET);
        String stem = CsvFiles.stem(file);
        List<TimedEvent<?>> events = new ArrayList<>();
        for (JsonlLines.Line line : JsonlLines.read(file)) {
            RequestMetricEvent event = request(line, fleet, stem + "-" + line.number());
            events.add(new TimedEvent<>(Topics.FLEET_REQUESTS, fleet, event, event.getTimestamp().toEpochMilli()));
        }
        return events;
    }

    private static RequestMetricEvent request(JsonlLines.Line line, String fleet, String eventId) {
        long total = Math.round(line.number(-1, "tokens", "total_tokens"));
        long prompt = Math.round(line.number(total < 0 ? 0 : total, "prompt_tokens", "prompt_len", "input_tokens"));
        long completion = Math.round(line.number(0, "completion_tokens", "response_len", "output_tokens"));
        double latencyMs = line.field("latency_ms").isPresent() ? line.number(0, "latency_ms")
                : 1000 * line.number(0, "elapsed_s", "latency_s", "duration_s");
        boolean success = line.field("status").map(s -> !s.asText().toLowerCase(java.util.Locale.ROOT).contains("err")
                && !s.asText().toLowerCase(java.util.Locale.ROOT).contains("fail")).orElse(line.flag(true, "success", "ok"));
        return RequestMetricEvent.newBuilder()
                .setEventId(eventId)
                .setFleetId(fleet)
                .setCaller(line.text("unknown", "caller", "agent", "source"))
                .setModel(line.text("", "model"))
                .setTimestamp(Instant.ofEpochMilli(line.timeMs("timestamp", "ts", "time")))
                .setPromptTokens(prompt)
                .setCompletionTokens(completion)
                .setLatencyMs(latencyMs)
                .setSuccess(success)
                .build();
    }
}
