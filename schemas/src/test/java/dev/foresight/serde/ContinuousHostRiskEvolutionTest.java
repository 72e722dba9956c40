package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.schema.state.HostBaseline;
import dev.foresight.schema.state.HostRiskProfile;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Baselines, guardian inputs, host risk states and host risk profiles written before the baseline carried the
 * continuous host risk, the profile its debounce count and the rounds its scales kept over a restart still read,
 * and the new ones read under the old schemas.
 */
class ContinuousHostRiskEvolutionTest {

    @Test
    void shouldReadEveryOldSchemaAndBeReadByIt() throws IOException {
        for (String version : new String[] {"HostBaseline.v1", "GuardianInput.v2", "HostRiskState.v1",
                "HostRiskProfile.v1", "HostRiskProfile.v2"}) {
            SchemaHistory.assertReadableBothWays(version);
        }
    }

    @Test
    void shouldReadAV1BaselineAsAHostWithNoContinuousRiskYet() throws IOException {
        Schema v1 = SchemaHistory.load("HostBaseline.v1.avsc");
        GenericRecord old = new GenericData.Record(v1);
        old.put("hostId", "host-1");
        old.put("updatedAt", 1_700_000_000_000L);
        old.put("samples", 12L);
        old.put("cpu", 0.4);
        old.put("memory", 0.5);
        old.put("latencyMs", 30.0);
        old.put("errorRate", 0.01);
        old.put("requestRate", 100.0);
        old.put("kpis", Map.of());
        old.put("frozenFor", null);

        HostBaseline read = AvroSerdes.bundled().<HostBaseline>valueSerde().deserializer()
                .deserialize("t", SchemaHistory.wire(v1, old));

        assertEquals(12L, read.getSamples());
        assertNull(read.getHostRisk());
        assertNull(read.getHostRiskAlertingSince());
    }

    @Test
    void shouldReadAV1ProfileWithNoRoundAboveTheThresholdCounted() throws IOException {
        Schema v1 = SchemaHistory.load("HostRiskProfile.v1.avsc");
        HostRiskProfile read = read(v1, profile(v1, 40L, Map.of(), 0.9));

        assertEquals(0.9, read.getRisk());
        assertEquals(0, read.getRoundsAbove());
    }

    @Test
    void shouldReadAV2ProfileAsOneWhoseScalesRestOnItsOwnRoundsAlone() throws IOException {
        Schema v2 = SchemaHistory.load("HostRiskProfile.v2.avsc");
        GenericRecord old = profile(v2, 2_000L, Map.of("cpu", 0.01), 0.2);
        old.put("roundsAbove", 1);
        HostRiskProfile read = read(v2, old);

        assertEquals(2_000L, read.getSamples());
        assertEquals(0L, read.getKeptRounds());
        assertEquals(0.01, read.getDeviationVariances().get("cpu"));
    }

    /** A profile of redis-3 under an old schema, with no levels and the given spread. */
    private static GenericRecord profile(Schema schema, long samples, Map<String, Double> variances, double risk) {
        GenericRecord old = new GenericData.Record(schema);
        old.put("hostId", "redis-3");
        old.put("serviceId", "redis");
        old.put("samples", samples);
        old.put("lastSeen", 1_700_000_000_000L);
        old.put("levels", Map.of());
        old.put("deviationMeans", Map.of());
        old.put("deviationVariances", variances);
        old.put("risk", risk);
        old.put("alertingSince", null);
        return old;
    }

    private static HostRiskProfile read(Schema schema, GenericRecord old) throws IOException {
        return AvroSerdes.bundled().<HostRiskProfile>valueSerde().deserializer()
                .deserialize("t", SchemaHistory.wire(schema, old));
    }
}
