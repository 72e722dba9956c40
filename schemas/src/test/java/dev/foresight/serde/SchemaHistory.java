package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;

/**
 * The evolution tests' tools: an old schema from the bundled history, the check that it and the current one
 * read each other, and a record as a producer of it wrote it.
 */
final class SchemaHistory {

    private SchemaHistory() {
    }

    /** @param file a file of {@code schemas/src/main/history}, e.g. {@code TelemetryEvent.v1.avsc} */
    static Schema load(String file) throws IOException {
        try (InputStream in = SchemaHistory.class.getResourceAsStream("/schemas/history/" + file)) {
            return new Schema.Parser().parse(in);
        }
    }

    /** The schema of {@code file} and the current one read each other's records, and the old one is bundled. */
    static void assertReadableBothWays(String version) throws IOException {
        Schema old = load(version + ".avsc");
        Schema current = SpecificData.get().getSchema(SpecificData.get().getClass(old));
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType(), version);
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType(), version);
        assertTrue(BundledSchemas.instance().byId(BundledSchemas.idOf(old)).isPresent(), "bundled: " + version);
    }

    /** {@code record} encoded with {@code writer} in the Confluent wire format, under the writer's bundled id. */
    static byte[] wire(Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(BundledSchemas.idOf(writer)).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
