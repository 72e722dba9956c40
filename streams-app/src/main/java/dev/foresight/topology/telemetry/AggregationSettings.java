package dev.foresight.topology.telemetry;

import java.time.Duration;

/**
 * @param hostWindow     tumbling window per host
 * @param serviceWindow  hopping window per service
 * @param serviceAdvance how far each service window hops
 * @param grace          how late an event may arrive and still count in its host window
 * @param serviceGrace   the same for service windows; longer, because the service repartition merges
 *                       hosts' partitions, and a partition that lags the others makes its events look late
 */
public record AggregationSettings(Duration hostWindow, Duration serviceWindow, Duration serviceAdvance, Duration grace,
                                  Duration serviceGrace) {

    public static AggregationSettings defaults() {
        return new AggregationSettings(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofMinutes(10));
    }
}
