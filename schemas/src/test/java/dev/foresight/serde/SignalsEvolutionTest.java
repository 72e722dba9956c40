package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.CommitPushed;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.state.SeriesPoint;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Pipeline events, series points and risk scores written before BuildStarted, UpstreamReleased, the point's
 * source and the build's risk existed still read.
 */
class SignalsEvolutionTest {

    @Test
    void shouldReadAV1SeriesPointWithAnEmptySource() throws IOException {
        Schema v1 = history("SeriesPoint.v1.avsc", SeriesPoint.getClassSchema());
        GenericRecord old = new GenericData.Record(v1);
        old.put("serviceId", "checkout");
        old.put("metric", "cpu");
        old.put("timestamp", 1_700_000_000_000L);
        old.put("value", 0.5);

        SeriesPoint read = AvroSerdes.bundled().<SeriesPoint>valueSerde().deserializer()
                .deserialize("t", SchemaHistory.wire(v1, old));

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

        PipelineEvent read = AvroSerdes.bundled().<PipelineEvent>valueSerde().deserializer()
                .deserialize("t", SchemaHistory.wire(v1, old));

        assertEquals(new CommitPushed("c-1", 4), read.getPayload());
    }

    @Test
    void shouldReadAV2RiskScoreAsTheRiskOfAHostWithoutABuild() throws IOException {
        Schema v2 = history("RiskScore.v2.avsc", RiskScore.getClassSchema());
        GenericRecord decision = new GenericData.Record(v2.getField("decision").schema());
        decision.put("madeBy", "host-risk");
        decision.put("version", "1");
        decision.put("inputs", Map.of());
        decision.put("thresholds", Map.of());
        decision.put("confidence", null);
        decision.put("explanation", "");
        GenericRecord old = new GenericData.Record(v2);
        old.put("hostId", "host-1");
        old.put("deploymentId", null);
        old.put("issuedAt", 1_700_000_000_000L);
        old.put("score", 0.25);
        old.put("decision", decision);

        RiskScore read = AvroSerdes.bundled().<RiskScore>valueSerde().deserializer()
                .deserialize("t", SchemaHistory.wire(v2, old));

        assertEquals(0.25, read.getScore());
        assertNull(read.getBuildId());
    }

    private Schema history(String file, Schema current) throws IOException {
        Schema old = SchemaHistory.load(file);
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType());
        return old;
    }
}
