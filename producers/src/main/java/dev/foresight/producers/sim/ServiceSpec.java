package dev.foresight.producers.sim;

import java.util.List;

/**
 * One simulated service: its hosts, the services it calls, and the per-host load it is sized for.
 *
 * @param requestRatePerHost mean requests per second per host at the daily average
 * @param baseLatencyMs      latency of an idle, healthy host
 */
public record ServiceSpec(String serviceId, List<String> hostIds, List<String> dependsOn,
                          double requestRatePerHost, double baseLatencyMs) {

    public ServiceSpec {
        hostIds = List.copyOf(hostIds);
        dependsOn = List.copyOf(dependsOn);
    }
}
