package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.commands.DemandReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class DemandReportEvolutionTest {

    private final Serde<DemandReport> serde = AvroSerdes.bundled().valueSerde();

    @Test
    void shouldReadV1ReportsWithDefaultsForTheFieldsV2Added() throws IOException {
        Schema v1 = load();
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(DemandReport.getClassSchema(), v1).getType());

        DemandReport read = serde.deserializer().deserialize("t", wire(v1, v1Report(v1)));

        assertEquals("fleet-a", read.getScope());
        assertEquals(2.5, read.getSurgeFactor());
        assertEquals(0, read.getGiteaOutages());
        assertEquals(0, read.getInferenceFailures());
        assertTrue(read.getTopCallers().isEmpty());
        assertNull(read.getPredictedLower());
    }

    @Test
    void shouldLetV1ReadersReadV2Reports() throws IOException {
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(load(), DemandReport.getClassSchema()).getType());
    }

    private static GenericRecord v1Report(Schema v1) {
        GenericRecord decision = new GenericData.Record(v1.getField("decision").schema());
        decision.put("madeBy", "old");
        decision.put("version", "1");
        decision.put("inputs", Map.of());
        decision.put("thresholds", Map.of());
        decision.put("confidence", null);
        decision.put("explanation", "");
        GenericRecord old = new GenericData.Record(v1);
        old.put("scope", "fleet-a");
        old.put("issuedAt", 1_700_000_000_000L);
        old.put("resourceMode", new GenericData.EnumSymbol(v1.getField("resourceMode").schema(), "SURGE"));
        old.put("dispatchPosture", new GenericData.EnumSymbol(v1.getField("dispatchPosture").schema(), "NORMAL"));
        old.put("horizonHours", 6.0);
        old.put("recentRequestRate", 20.0);
        old.put("baselineRequestRate", 8.0);
        old.put("predictedRequestRate", 18.0);
        old.put("surgeFactor", 2.5);
        old.put("demandLevel", new GenericData.EnumSymbol(v1.getField("demandLevel").schema(), "ELEVATED"));
        old.put("unhealthyChecks", 0);
        old.put("recommendedActions", List.of("pre-warm"));
        old.put("decision", decision);
        return old;
    }

    private static byte[] wire(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(BundledSchemas.idOf(schema)).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private Schema load() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/schemas/history/DemandReport.v1.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }
}
