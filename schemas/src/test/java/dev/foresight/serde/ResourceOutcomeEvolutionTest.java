package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.ResourceApplied;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ResourceApplied gained its outcome, the deployment state its failed resources and the rollback its
 * skipped ones: everything written before still reads (as applied successfully), and old readers read
 * the new records.
 */
class ResourceOutcomeEvolutionTest {

    @ParameterizedTest
    @ValueSource(strings = {"DeploymentEvent.v1", "DeploymentState.v1", "GuardianInput.v1", "RollbackCommand.v2"})
    void shouldReadRecordsWrittenBeforeTheOutcomeAndLetOldReadersReadNewOnes(String version) throws IOException {
        SchemaHistory.assertReadableBothWays(version);
    }

    @Test
    void shouldReadAnOldResourceAppliedAsSucceeded() throws IOException {
        Schema v1 = SchemaHistory.load("DeploymentEvent.v1.avsc");
        Schema appliedSchema = v1.getField("payload").schema().getTypes().stream()
                .filter(branch -> branch.getName().equals("ResourceApplied")).findFirst().orElseThrow();
        Schema resourceSchema = appliedSchema.getField("resource").schema();
        GenericRecord resource = new GenericData.Record(resourceSchema);
        resource.put("resourceId", "db/V12");
        resource.put("kind", new GenericData.EnumSymbol(resourceSchema.getField("kind").schema(), "DB_SCHEMA"));
        resource.put("version", "1.5.0");
        resource.put("attributes", Map.of());
        GenericRecord applied = new GenericData.Record(appliedSchema);
        applied.put("resource", resource);
        GenericRecord event = new GenericData.Record(v1);
        event.put("eventId", "e-1");
        event.put("deploymentId", "d-1");
        event.put("serviceId", "checkout");
        event.put("timestamp", 1_700_000_000_000L);
        event.put("payload", applied);

        DeploymentEvent read = AvroSerdes.bundled().<DeploymentEvent>valueSerde().deserializer()
                .deserialize("deployment.events.v1", SchemaHistory.wire(v1, event));

        ResourceApplied payload = (ResourceApplied) read.getPayload();
        assertEquals("db/V12", payload.getResource().getResourceId());
        assertTrue(payload.getSucceeded());
        assertEquals("", payload.getDetail());
    }

    @Test
    void shouldReadAnOldRollbackWithNothingSkipped() throws IOException {
        Schema v2 = SchemaHistory.load("RollbackCommand.v2.avsc");
        GenericRecord decision = new GenericData.Record(v2.getField("decision").schema());
        decision.put("madeBy", "rollback-blend");
        decision.put("version", "blend-v1");
        decision.put("inputs", Map.of("resources", 0.0));
        decision.put("thresholds", Map.of());
        decision.put("confidence", null);
        decision.put("explanation", "deployment failed");
        decision.put("evidence", Map.of("deployment.id", "d-1"));
        GenericRecord rollback = new GenericData.Record(v2);
        rollback.put("commandId", "d-1/rollback");
        rollback.put("issuedAt", 1_700_000_000_000L);
        rollback.put("deploymentId", "d-1");
        rollback.put("serviceId", "checkout");
        rollback.put("failedVersion", "1.5.0");
        rollback.put("restoreVersion", "1.4.2");
        rollback.put("blend", List.of());
        rollback.put("decision", decision);

        RollbackCommand read = AvroSerdes.bundled().<RollbackCommand>valueSerde().deserializer()
                .deserialize("rollback.commands.v1", SchemaHistory.wire(v2, rollback));

        assertEquals("d-1", read.getDecision().getEvidence().get("deployment.id"));
        assertEquals(List.of(), read.getSkipped());
    }
}
