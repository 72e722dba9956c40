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
 * Azure LLM inference arrivals ({@code TIMESTAMP,ContextTokens,GeneratedTokens}) as one request event
 * each, for the fleet demand posture. The trace names no caller and records neither latency nor
 * failures: every request is a success of caller {@code <file>} with latency 0.
 */
final class AzureRequestsReader implements TraceReader {

    private final ReplayOptions options;

    AzureRequestsReader(ReplayOptions options) {
        this.options = options;
    }

    @Override
    public List<TimedEvent<?>> read(Path file) throws IOException {
        String fleet = options.serviceId().orElse("azure-llm");
        String caller = CsvFiles.stem(file);
        List<TimedEvent<?>> events = new ArrayList<>();
        for (CsvRow row : CsvFiles.read(file)) {
            long timeMs = Timestamps.parseMillis(row.requiredText("TIMESTAMP"));
            RequestMetricEvent event = RequestMetricEvent.newBuilder()
                    .setEventId(caller + "-" + events.size())
                    .setFleetId(fleet)
                    .setCaller(caller)
                    .setModel("")
                    .setTimestamp(Instant.ofEpochMilli(timeMs))
                    .setPromptTokens(Math.round(row.number("ContextTokens").orElse(0)))
                    .setCompletionTokens(Math.round(row.number("GeneratedTokens").orElse(0)))
                    .setLatencyMs(0)
                    .setSuccess(true)
                    .build();
            events.add(new TimedEvent<>(Topics.FLEET_REQUESTS, fleet, event, timeMs));
        }
        return events;
    }
}
