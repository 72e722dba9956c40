package dev.foresight.ingest;

import java.time.Duration;

/**
 * @param maxPayloadBytes       records larger than this are dead-lettered unread
 * @param maxFutureSkew         how far ahead of the wall clock an event time may be before it is rejected
 * @param maxTelemetryLateness  how far behind the newest telemetry event of its partition an event may be;
 *                              later ones would miss their closed windows, so they are dead-lettered
 *                              instead of being dropped silently
 */
public record IngestSettings(int maxPayloadBytes, Duration maxFutureSkew, Duration maxTelemetryLateness) {

    public static IngestSettings defaults() {
        return new IngestSettings(1024 * 1024, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }
}
