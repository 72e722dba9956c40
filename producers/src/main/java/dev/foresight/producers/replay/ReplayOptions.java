package dev.foresight.producers.replay;

import java.time.Instant;
import java.util.Optional;

/**
 * Choices that apply to some formats.
 *
 * @param serviceId overrides the service a file's events are attributed to (default: from the file name)
 * @param metric    NAB only: the telemetry field the value goes into, e.g. {@code cpuUtilization}
 * @param rebaseTo  if set, shifts every event time so the first event happens at this instant; recorded
 *                  traces are years old, and topic retention would otherwise delete them at once
 */
public record ReplayOptions(Optional<String> serviceId, TelemetryMetric metric, Optional<Instant> rebaseTo) {

    public static ReplayOptions defaults() {
        return new ReplayOptions(Optional.empty(), TelemetryMetric.CPU_UTILIZATION, Optional.empty());
    }

    public ReplayOptions withServiceId(String serviceId) {
        return new ReplayOptions(Optional.of(serviceId), metric, rebaseTo);
    }

    public ReplayOptions withMetric(TelemetryMetric metric) {
        return new ReplayOptions(serviceId, metric, rebaseTo);
    }

    public ReplayOptions withRebaseTo(Instant rebaseTo) {
        return new ReplayOptions(serviceId, metric, Optional.of(rebaseTo));
    }
}
