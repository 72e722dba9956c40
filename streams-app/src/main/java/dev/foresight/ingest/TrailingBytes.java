package dev.foresight.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Finds bytes after the end of a Confluent-framed Avro record (0x00, 4-byte schema id, body), which the
 * deserializer silently ignores: the record was written by something other than an Avro serializer, or
 * two records were glued together. The body is skipped with its writer schema, not decoded again.
 */
final class TrailingBytes {

    private static final int HEADER_BYTES = 5;

    private final IntFunction<Optional<Schema>> writerSchemas;

    /** @param writerSchemas the schema of a wire id; ids it does not know are not checked */
    TrailingBytes(IntFunction<Optional<Schema>> writerSchemas) {
        this.writerSchemas = writerSchemas;
    }

    Optional<String> violation(byte[] framed) {
        if (framed.length < HEADER_BYTES || framed[0] != 0) {
            return Optional.empty();
        }
        return writerSchemas.apply(ByteBuffer.wrap(framed, 1, 4).getInt())
                .flatMap(schema -> trailing(schema, framed));
    }

    private static Optional<String> trailing(Schema schema, byte[] framed) {
        BinaryDecoder body = DecoderFactory.get().binaryDecoder(framed, HEADER_BYTES, framed.length - HEADER_BYTES, null);
        try {
            GenericDatumReader.skip(schema, body);
            if (body.isEnd()) {
                return Optional.empty();
            }
            return Optional.of(body.inputStream().available() + " trailing bytes after the Avro record");
        } catch (IOException | RuntimeException e) {
            // The deserializer read the body, so the writer schema must have too; if not, the deserializer's verdict stands.
            return Optional.empty();
        }
    }
}
