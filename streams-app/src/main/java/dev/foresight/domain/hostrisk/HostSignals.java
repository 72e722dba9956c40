package dev.foresight.domain.hostrisk;

import dev.foresight.schema.events.TelemetryEvent;
import java.util.HashMap;
import java.util.Map;

/** The numeric signals of one telemetry sample, by name: the contract's fields, then its KPIs. */
public final class HostSignals {

    private HostSignals() {
    }

    /** KPIs that are not finite are left out: nothing is known of them this round. */
    public static Map<String, Double> of(TelemetryEvent sample) {
        Map<String, Double> signals = new HashMap<>();
        sample.getKpis().forEach((name, value) -> putFinite(signals, "kpi." + name, value));
        signals.put("cpu", sample.getCpuUtilization());
        signals.put("memory", sample.getMemoryUtilization());
        signals.put("network_mbps", sample.getNetworkMbps());
        signals.put("latency_ms", sample.getLatencyMs());
        signals.put("request_rate", sample.getRequestRate());
        signals.put("error_rate", sample.getErrorRate());
        if (sample.getDiskUtilization() != null) {
            signals.put("disk", sample.getDiskUtilization());
        }
        return signals;
    }

    private static void putFinite(Map<String, Double> signals, String name, Double value) {
        if (value != null && Double.isFinite(value)) {
            signals.put(name, value);
        }
    }
}
