package dev.foresight.serde;

import org.apache.avro.SystemLimitException;

/**
 * Avro's own decoder limits (Avro 1.12 system properties, read once when {@link SystemLimitException} is
 * first used). Without them a 13-byte record whose string length prefix says 2,000,000,000 makes the
 * decoder allocate 2 GB and the JVM throw {@code OutOfMemoryError}; with them it is a
 * {@link SystemLimitException}, a data error. No record larger than a producer request (1 MiB) exists on a
 * topic, so no honest string, byte array or collection is longer. An operator's own -D setting wins.
 */
public final class AvroDecoderLimits {

    public static final int MAX_LENGTH = 1024 * 1024;

    private AvroDecoderLimits() {
    }

    static void install() {
        setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY);
        setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY);
        setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY);
    }

    private static void setIfAbsent(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(MAX_LENGTH));
        }
    }
}
