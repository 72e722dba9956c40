package dev.foresight.topology;

import dev.foresight.schema.events.TelemetryEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Small event builders for tests. */
public final class Events {

    private Events() {
    }

    public static TelemetryEvent.Builder telemetry(String host, String service, Instant at, double cpu) {
        return TelemetryEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setHostId(host).setServiceId(service).setTimestamp(at)
                .setCpuUtilization(cpu).setMemoryUtilization(0.4).setNetworkMbps(20).setLatencyMs(35)
                .setRequestRate(120).setErrorRate(0.001).setKpis(Map.of());
    }
}
