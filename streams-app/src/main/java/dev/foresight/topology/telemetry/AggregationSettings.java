package dev.foresight.topology.telemetry;

import java.time.Duration;

/**
 * @param hostWindow     tumbling window per host
 * @param serviceWindow  hopping window per service
 * @param serviceAdvance how far each service window hops
 * @param grace          how late an event may arrive and still count in its host window
 * @param serviceGrace   how far behind the newest event of its own host an event may reach the service
 *                       windows and still count
 * @param serviceSkew    how far behind the other hosts of its service a host may be: the service windows
 *                       merge hosts from every partition, which reach them in step when live but hours apart
 *                       when a backlog is reprocessed or an instance starts late; the service windows stay
 *                       open this long, which costs only store space (a few thousand windows a day)
 */
public record AggregationSettings(Duration hostWindow, Duration serviceWindow, Duration serviceAdvance, Duration grace,
                                  Duration serviceGrace, Duration serviceSkew) {

    public static AggregationSettings defaults() {
        return new AggregationSettings(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofDays(1));
    }
}
