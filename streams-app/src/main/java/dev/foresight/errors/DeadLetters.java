package dev.foresight.errors;

import dev.foresight.schema.errors.DeadLetter;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds dead letters: the rejected record's coordinates, its original bytes and why it was rejected. */
public final class DeadLetters {

    /** Original bytes beyond this are cut so one oversized record cannot bloat the dead-letter topic. */
    public static final int MAX_KEPT_BYTES = 64 * 1024;

    private DeadLetters() {
    }

    public static DeadLetter of(RecordMetadata source, long inputTimestamp, long now, String stage,
                                String reason, Throwable cause, byte[] key, byte[] value) {
        return DeadLetter.newBuilder()
                .setSourceTopic(source.topic())
                .setPartition(source.partition())
                .setOffset(source.offset())
                .setInputTimestamp(Instant.ofEpochMilli(inputTimestamp))
                .setDetectedAt(Instant.ofEpochMilli(now))
                .setStage(stage)
                .setReason(reason)
                .setErrorClass(cause == null ? null : cause.getClass().getName())
                .setKey(wrap(key))
                .setValue(wrap(value))
                .build();
    }

    private static java.nio.ByteBuffer wrap(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return java.nio.ByteBuffer.wrap(Arrays.copyOf(bytes, Math.min(bytes.length, MAX_KEPT_BYTES)));
    }
}
