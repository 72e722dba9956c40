package dev.foresight.deadletter;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Where a record came from: topic, partition, offset, and its record timestamp. */
public record Coordinates(String topic, int partition, long offset, long timestamp) {

    public static Coordinates of(RecordMetadata metadata, long timestamp) {
        return new Coordinates(metadata.topic(), metadata.partition(), metadata.offset(), timestamp);
    }

    /** A punctuation has no input record: its topic is then empty. */
    public static Coordinates of(ErrorHandlerContext context) {
        return new Coordinates(context.topic() == null ? "" : context.topic(), context.partition(), context.offset(),
                Math.max(0, context.timestamp()));
    }
}
