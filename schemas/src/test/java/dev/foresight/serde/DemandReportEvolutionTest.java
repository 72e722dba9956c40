package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.commands.DemandReport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class DemandReportEvolutionTest {

    private final Serde<DemandReport> serde = AvroSerdes.bundled().valueSerde();

    @Test
    void shouldReadV1ReportsWithDefaultsForTheFieldsV2Added() throws IOException {
        Schema v1 = SchemaHistory.load("DemandReport.v1.avsc");
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(DemandReport.getClassSchema(), v1).getType());

        DemandReport read = serde.deserializer().deserialize("t", SchemaHistory.wire(v1, v1Report(v1)));

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
                SchemaCompatibility.checkReaderWriterCompatibility(SchemaHistory.load("DemandReport.v1.avsc"),
                        DemandReport.getClassSchema()).getType());
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

}
