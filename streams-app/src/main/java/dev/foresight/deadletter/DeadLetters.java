package dev.foresight.deadletter;

import dev.foresight.schema.errors.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Builds dead letters: the rejected record's coordinates, its original bytes, why it was rejected and,
 * for an exception, the head of its stack trace. Every variable-length part is capped, so a dead letter
 * stays far below {@code max.request.size} whatever the record that caused it.
 */
public final class DeadLetters {

    /** Original value bytes beyond this are cut so one oversized record cannot bloat the dead-letter topic. */
    public static final int MAX_KEPT_BYTES = 64 * 1024;
    public static final int MAX_KEPT_KEY_BYTES = 1024;
    public static final int MAX_REASON_CHARS = 2048;
    public static final int MAX_STACK_TRACE_CHARS = 4096;

    private DeadLetters() {
    }

    /** A record a processor rejected; coordinates and wall-clock time come from the processor's context. */
    public static DeadLetter rejected(ProcessingContext context, FixedKeyRecord<String, ?> record, String stage,
                                      String reason, Throwable cause, byte[] value) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        return of(Coordinates.of(context.recordMetadata().orElseThrow(), record.timestamp()),
                context.currentSystemTimeMs(), stage, reason, cause, key, value);
    }

    public static DeadLetter of(Coordinates source, long now, String stage, String reason, Throwable cause,
                                byte[] key, byte[] value) {
        return DeadLetter.newBuilder()
                .setSourceTopic(source.topic())
                .setPartition(source.partition())
                .setOffset(source.offset())
                .setInputTimestamp(Instant.ofEpochMilli(source.timestamp()))
                .setDetectedAt(Instant.ofEpochMilli(now))
                .setStage(stage)
                .setReason(truncate(reason, MAX_REASON_CHARS))
                .setErrorClass(cause == null ? null : cause.getClass().getName())
                .setStackTrace(cause == null ? null : StackTraceHead.of(cause, MAX_STACK_TRACE_CHARS))
                .setKey(wrap(keptKey(key)))
                .setValue(wrap(cut(value, MAX_KEPT_BYTES)))
                .build();
    }

    /** The key a dead letter is written with: the original key, cut like everything else. */
    public static byte[] keptKey(byte[] key) {
        return cut(key, MAX_KEPT_KEY_BYTES);
    }

    /** The reason for an exception: never just "null", since many exceptions carry no message. */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        String type = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    static String truncate(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars - 1) + "…";
    }

    private static byte[] cut(byte[] bytes, int max) {
        return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
