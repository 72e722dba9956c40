package dev.foresight.producers.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load-series and Azure request-trace readers, both of which yield a request rate. */
class TelemetrySeriesReadersTest {

    @TempDir
    Path directory;

    @Test
    void shouldReplayMessageRatesAsRequestRateOfTheDatasetService() throws IOException {
        Path file = TraceFiles.write(directory, "avazu_5min.csv", "date,messages",
                "2014-10-21 00:00:00,107664.09", "2014-10-21 00:05:00,104163.32");

        List<TelemetryEvent> events = TraceFiles.replay("load", file, Topics.TELEMETRY);

        assertEquals(List.of(107664.09, 104163.32), events.stream().map(TelemetryEvent::getRequestRate).toList());
        assertEquals("avazu", events.get(0).getServiceId());
        assertEquals("avazu_5min", events.get(0).getHostId());
        assertEquals(Instant.parse("2014-10-21T00:05:00Z"), events.get(1).getTimestamp());
    }

    @Test
    void shouldCountAzureArrivalsPerSecondIncludingEmptySeconds() throws IOException {
        Path file = TraceFiles.write(directory, "AzureLLMInferenceTrace_conv.csv", "TIMESTAMP,ContextTokens,GeneratedTokens",
                "2023-11-16 18:15:46.6805900,374,44",
                "2023-11-16 18:15:46.9951690,396,109",
                "2023-11-16 18:15:49.0000001,100,10");

        List<TelemetryEvent> events = TraceFiles.replay("azure", file, Topics.TELEMETRY);

        assertEquals(List.of(2.0, 0.0, 0.0, 1.0), events.stream().map(TelemetryEvent::getRequestRate).toList());
        assertEquals(Instant.parse("2023-11-16T18:15:46Z"), events.get(0).getTimestamp());
        assertEquals(Instant.parse("2023-11-16T18:15:49Z"), events.get(3).getTimestamp());
        assertEquals(Map.of("contextTokens", 770.0, "generatedTokens", 153.0), events.get(0).getKpis());
        assertEquals("llm-inference", events.get(0).getServiceId());
    }
}
