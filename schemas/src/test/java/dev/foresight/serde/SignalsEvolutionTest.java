package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.events.CommitPushed;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.state.SeriesPoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Pipeline events and series points written before BuildStarted, UpstreamReleased and the point's source still read. */
class SignalsEvolutionTest {

    @Test
    void shouldReadAV1SeriesPointWithAnEmptySource() throws IOException {
        Schema v1 = history("SeriesPoint.v1.avsc", SeriesPoint.getClassSchema());
        GenericRecord old = new GenericData.Record(v1);
        old.put("serviceId", "checkout");
        old.put("metric", "cpu");
        old.put("timestamp", 1_700_000_000_000L);
        old.put("value", 0.5);

        SeriesPoint read = AvroSerdes.bundled().<SeriesPoint>valueSerde().deserializer().deserialize("t", wire(v1, old));

        assertEquals(0.5, read.getValue());
        assertEquals("", read.getSource());
    }

    @Test
    void shouldReadAV1PipelineEventAfterTheBuildStartAndUpstreamReleaseExist() throws IOException {
        Schema v1 = history("PipelineEvent.v1.avsc", PipelineEvent.getClassSchema());
        Schema commit = v1.getField("payload").schema().getTypes().stream()
                .filter(branch -> branch.getName().equals("CommitPushed")).findFirst().orElseThrow();
        GenericRecord payload = new GenericData.Record(commit);
        payload.put("commitId", "c-1");
        payload.put("filesChanged", 4);
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "e-1");
        old.put("serviceId", "checkout");
        old.put("timestamp", 1_700_000_000_000L);
        old.put("payload", payload);

        PipelineEvent read = AvroSerdes.bundled().<PipelineEvent>valueSerde().deserializer().deserialize("t", wire(v1, old));

        assertEquals(new CommitPushed("c-1", 4), read.getPayload());
    }

    private Schema history(String file, Schema current) throws IOException {
        Schema old;
        try (InputStream in = getClass().getResourceAsStream("/schemas/history/" + file)) {
            old = new Schema.Parser().parse(in);
        }
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType());
        return old;
    }

    private static byte[] wire(Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(BundledSchemas.idOf(writer)).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
