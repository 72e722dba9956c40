package dev.foresight.domain.rollback;

import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Whether a reader schema can read what a writer schema wrote, with Avro's own reasons when it cannot. */
public final class AvroCompatibility {

    /** @param problems Avro's incompatibility messages, empty when compatible */
    public record Result(boolean compatible, List<String> problems) {
    }

    private AvroCompatibility() {
    }

    public static Result canRead(String readerSchema, String writerSchema) {
        Schema reader;
        Schema writer;
        try {
            reader = new Schema.Parser().parse(readerSchema);
            writer = new Schema.Parser().parse(writerSchema);
        } catch (AvroRuntimeException e) {
            // SchemaParseException, and AvroTypeException for a default that does not match its field's type
            return new Result(false, List.of("unparseable schema: " + e.getMessage()));
        }
        SchemaCompatibility.SchemaPairCompatibility pair =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return new Result(true, List.of());
        }
        return new Result(false, pair.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .toList());
    }
}
