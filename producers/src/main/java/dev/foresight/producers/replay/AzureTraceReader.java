package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Azure LLM inference arrivals ({@code TIMESTAMP,ContextTokens,GeneratedTokens}, one row per request),
 * counted per second into a request rate. Seconds without arrivals are replayed as zero, so the series
 * keeps its gaps. Token sums per second go into {@code kpis}.
 */
final class AzureTraceReader implements TraceReader {

    static final long BUCKET_MS = 1_000;

    /** Arrivals and tokens within one second. */
    private static final class Bucket {
        int requests;
        double contextTokens;
        double generatedTokens;
    }

    private final ReplayOptions options;

    AzureTraceReader(ReplayOptions options) {
        this.options = options;
    }

    @Override
    public List<TimedEvent<?>> read(Path file) throws IOException {
        TreeMap<Long, Bucket> buckets = new TreeMap<>();
        for (CsvRow row : CsvFiles.read(file)) {
            long second = Math.floorDiv(Timestamps.parseMillis(row.requiredText("TIMESTAMP")), BUCKET_MS) * BUCKET_MS;
            Bucket bucket = buckets.computeIfAbsent(second, start -> new Bucket());
            bucket.requests++;
            bucket.contextTokens += row.number("ContextTokens").orElse(0);
            bucket.generatedTokens += row.number("GeneratedTokens").orElse(0);
        }
        String hostId = CsvFiles.stem(file);
        String serviceId = options.serviceId().orElse("llm-inference");
        List<TimedEvent<?>> events = new ArrayList<>();
        if (buckets.isEmpty()) {
            return events;
        }
        for (long second = buckets.firstKey(); second <= buckets.lastKey(); second += BUCKET_MS) {
            Bucket bucket = buckets.getOrDefault(second, new Bucket());
            events.add(ReplayEvents.timed(ReplayEvents
                    .telemetry(hostId + "-" + second, hostId, serviceId, second)
                    .setRequestRate(bucket.requests * 1_000.0 / BUCKET_MS)
                    .setKpis(Map.of("contextTokens", bucket.contextTokens, "generatedTokens", bucket.generatedTokens))
                    .build()));
        }
        return events;
    }
}
