package dev.foresight.producers.replay;

import dev.foresight.schema.events.TelemetryEvent;
import java.util.Arrays;
import java.util.function.BiConsumer;

/** A telemetry field a single-metric series can be replayed into. */
public enum TelemetryMetric {
    CPU_UTILIZATION("cpuUtilization", true, TelemetryEvent.Builder::setCpuUtilization),
    MEMORY_UTILIZATION("memoryUtilization", true, TelemetryEvent.Builder::setMemoryUtilization),
    ERROR_RATE("errorRate", true, TelemetryEvent.Builder::setErrorRate),
    NETWORK_MBPS("networkMbps", false, TelemetryEvent.Builder::setNetworkMbps),
    LATENCY_MS("latencyMs", false, TelemetryEvent.Builder::setLatencyMs),
    REQUEST_RATE("requestRate", false, TelemetryEvent.Builder::setRequestRate);

    private final String fieldName;
    private final boolean fraction;
    private final BiConsumer<TelemetryEvent.Builder, Double> setter;

    TelemetryMetric(String fieldName, boolean fraction, BiConsumer<TelemetryEvent.Builder, Double> setter) {
        this.fieldName = fieldName;
        this.fraction = fraction;
        this.setter = setter;
    }

    /** Accepts the Avro field name ({@code cpuUtilization}) or the constant name ({@code CPU_UTILIZATION}). */
    public static TelemetryMetric parse(String name) {
        return Arrays.stream(values())
                .filter(metric -> metric.fieldName.equalsIgnoreCase(name) || metric.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "', expected one of "
                        + Arrays.stream(values()).map(TelemetryMetric::fieldName).toList()));
    }

    public String fieldName() {
        return fieldName;
    }

    /** Utilisations and error rates must lie in [0, 1]. */
    public boolean isFraction() {
        return fraction;
    }

    void set(TelemetryEvent.Builder builder, double value) {
        setter.accept(builder, value);
    }
}
