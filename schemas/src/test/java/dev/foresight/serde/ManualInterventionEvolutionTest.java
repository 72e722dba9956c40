package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.schema.events.WorkflowCompleted;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.ShadowWorkflow;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** OperatorDecision (WorkflowEvent v3) and ShadowAction.intervention (ShadowWorkflow v2) leave older data readable. */
class ManualInterventionEvolutionTest {

    @Test
    void shouldReadAWorkflowEventWrittenBeforeOperatorDecisionExisted() throws IOException {
        Schema v2 = SchemaHistory.load("WorkflowEvent.v2.avsc");
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(WorkflowEvent.getClassSchema(), v2).getType());
        Schema done = v2.getField("payload").schema().getTypes().stream()
                .filter(branch -> branch.getName().equals("WorkflowCompleted")).findFirst().orElseThrow();
        GenericRecord payload = new GenericData.Record(done);
        payload.put("succeeded", false);
        GenericRecord old = new GenericData.Record(v2);
        old.put("eventId", "e-1");
        old.put("workflowId", "wf-1");
        old.put("workflowType", "rnaseq");
        old.put("timestamp", 1_700_000_000_000L);
        old.put("payload", payload);

        WorkflowEvent read = AvroSerdes.bundled().<WorkflowEvent>valueSerde().deserializer()
                .deserialize("t", SchemaHistory.wire(v2, old));
        assertEquals(new WorkflowCompleted(false), read.getPayload());
    }

    @Test
    void shouldReadAShadowStoredBeforeActionsRecordedInterventions() throws IOException {
        Schema v1 = SchemaHistory.load("ShadowWorkflow.v1.avsc");
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(ShadowWorkflow.getClassSchema(), v1).getType());
        Schema actionSchema = v1.getField("actions").schema().getElementType();
        GenericRecord action = new GenericData.Record(actionSchema);
        action.put("actionId", "a-1");
        action.put("actionType", "align");
        GenericRecord old = new GenericData.Record(v1);
        old.put("workflowId", "wf-1");
        old.put("workflowType", "rnaseq");
        old.put("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "RUNNING"));
        old.put("createdAt", 1_700_000_000_000L);
        old.put("updatedAt", 1_700_000_000_000L);
        old.put("expectedActions", 0);
        old.put("archivedActions", 0);
        old.put("actions", List.of(action));

        ShadowWorkflow read = AvroSerdes.bundled().<ShadowWorkflow>valueSerde().deserializer()
                .deserialize("t", SchemaHistory.wire(v1, old));
        assertEquals("a-1", read.getActions().get(0).getActionId());
        assertNull(read.getActions().get(0).getIntervention());
    }
}
