package dev.foresight.topology.telemetry;

import java.time.Duration;

/**
 * @param hostWindow     tumbling window per host
 * @param serviceWindow  hopping window per service
 * @param serviceAdvance how far each service window hops
 * @param grace          how late an event may arrive and still count in its window
 */
public record AggregationSettings(Duration hostWindow, Duration serviceWindow, Duration serviceAdvance, Duration grace) {

    public static AggregationSettings defaults() {
        return new AggregationSettings(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofSeconds(30));
    }
}
