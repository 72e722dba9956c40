package dev.foresight.ingest;

import java.time.Duration;

/**
 * @param maxPayloadBytes records larger than this are dead-lettered unread
 * @param maxFutureSkew   how far ahead of the wall clock an event time may be before it is rejected
 */
public record IngestSettings(int maxPayloadBytes, Duration maxFutureSkew) {

    public static IngestSettings defaults() {
        return new IngestSettings(1024 * 1024, Duration.ofMinutes(5));
    }
}
