package dev.foresight.ingest;

import java.time.Duration;

/**
 * @param maxPayloadBytes       records larger than this are dead-lettered unread; far below the producer's
 *                              {@code max.request.size}, so whatever a feature derives from one record (a
 *                              re-keyed copy, a state value) can still be written
 * @param maxStringChars        longest string field; ids, names and free text alike
 * @param maxSchemaChars        longest Avro schema a deployed resource may carry ({@code avroSchema},
 *                              {@code previousAvroSchema})
 * @param maxCollectionItems    most entries of an array or map field
 * @param maxFutureSkew         how far ahead of the wall clock an event time may be before it is rejected
 * @param maxTelemetryLateness  how far behind the newest telemetry event of its partition an event may be;
 *                              later ones would miss their closed windows, so they are dead-lettered
 *                              instead of being dropped silently
 * @param duplicateWindow       an event whose {@code eventId} was accepted within this much event time of it
 *                              is a duplicate and dead-lettered
 */
public record IngestSettings(int maxPayloadBytes, int maxStringChars, int maxSchemaChars, int maxCollectionItems,
                             Duration maxFutureSkew, Duration maxTelemetryLateness, Duration duplicateWindow) {

    public static IngestSettings defaults() {
        return new IngestSettings(256 * 1024, 1024, 64 * 1024, 1024, Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMinutes(15));
    }
}
