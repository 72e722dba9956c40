package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.commands.RollbackCommand;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decision v2 adds the state a decision read; every command written before it still reads, and vice versa. */
class DecisionEvidenceEvolutionTest {

    @ParameterizedTest
    @ValueSource(strings = {"Alert.v1", "AllocationCommand.v2", "DemandReport.v2", "OrchestrationCommand.v1",
            "RiskScore.v2", "RollbackCommand.v1", "StartupPlan.v1"})
    void shouldReadCommandsWrittenBeforeTheEvidenceAndLetOldReadersReadNewOnes(String version) throws IOException {
        SchemaHistory.assertReadableBothWays(version);
    }

    @Test
    void shouldReadAnOldRollbackWithNoEvidence() throws IOException {
        Schema old = SchemaHistory.load("RollbackCommand.v1.avsc");

        RollbackCommand read = AvroSerdes.bundled().<RollbackCommand>valueSerde().deserializer()
                .deserialize("rollback.commands.v1", SchemaHistory.wire(old, oldRollback(old)));

        assertEquals("d-1/rollback", read.getCommandId());
        assertEquals("deployment-guardian", read.getDecision().getMadeBy());
        assertEquals(Map.of(), read.getDecision().getEvidence());
    }

    private static GenericRecord oldRollback(Schema schema) {
        GenericRecord decision = new GenericData.Record(schema.getField("decision").schema());
        decision.put("madeBy", "deployment-guardian");
        decision.put("version", "1");
        decision.put("inputs", Map.of("risk", 0.9));
        decision.put("thresholds", Map.of("abort", 0.8));
        decision.put("confidence", null);
        decision.put("explanation", "risk over the abort threshold");
        GenericRecord rollback = new GenericData.Record(schema);
        rollback.put("commandId", "d-1/rollback");
        rollback.put("issuedAt", 1_700_000_000_000L);
        rollback.put("deploymentId", "d-1");
        rollback.put("serviceId", "checkout");
        rollback.put("failedVersion", "v2");
        rollback.put("restoreVersion", "v1");
        rollback.put("blend", List.of());
        rollback.put("decision", decision);
        return rollback;
    }

}
