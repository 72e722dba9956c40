package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
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
 * DeploymentStarted gained its environment, the guardian's state where its dependents came from, and a
 * startup plan its graph: what was written before still reads (no environment, the publisher's list, no
 * graph), and old readers read the new records.
 */
class DeploymentEnvironmentEvolutionTest {

    @ParameterizedTest
    @ValueSource(strings = {"DeploymentEvent.v2", "DeploymentState.v2", "GuardianInput.v2", "StartupPlan.v2"})
    void shouldReadRecordsWrittenBeforeTheEnvironmentAndLetOldReadersReadNewOnes(String version) throws IOException {
        SchemaHistory.assertReadableBothWays(version);
    }

    @Test
    void shouldReadAnOldDeploymentStartWithNoEnvironment() throws IOException {
        Schema v2 = SchemaHistory.load("DeploymentEvent.v2.avsc");
        Schema startedSchema = v2.getField("payload").schema().getTypes().stream()
                .filter(branch -> branch.getName().equals("DeploymentStarted")).findFirst().orElseThrow();
        GenericRecord started = new GenericData.Record(startedSchema);
        started.put("fromVersion", "1.4.2");
        started.put("toVersion", "1.5.0");
        started.put("hosts", List.of("host-1"));
        started.put("dependents", List.of("cart"));
        started.put("knownConfigKeys", List.of());
        GenericRecord event = new GenericData.Record(v2);
        event.put("eventId", "e-1");
        event.put("deploymentId", "d-1");
        event.put("serviceId", "checkout");
        event.put("timestamp", 1_700_000_000_000L);
        event.put("payload", started);

        DeploymentEvent read = AvroSerdes.bundled().<DeploymentEvent>valueSerde().deserializer()
                .deserialize("deployment.events.v1", SchemaHistory.wire(v2, event));

        DeploymentStarted payload = (DeploymentStarted) read.getPayload();
        assertEquals(List.of("cart"), payload.getDependents());
        assertNull(payload.getEnvironment());
    }

    @Test
    void shouldReadAnOldPlanWithNoGraph() throws IOException {
        Schema v2 = SchemaHistory.load("StartupPlan.v2.avsc");
        GenericRecord decision = new GenericData.Record(v2.getField("decision").schema());
        decision.put("madeBy", "orchestration-planner");
        decision.put("version", "1");
        decision.put("inputs", Map.of());
        decision.put("thresholds", Map.of());
        decision.put("confidence", null);
        decision.put("explanation", "topological order");
        decision.put("evidence", Map.of());
        GenericRecord plan = new GenericData.Record(v2);
        plan.put("planId", "p-1");
        plan.put("issuedAt", 1_700_000_000_000L);
        plan.put("environment", "staging");
        plan.put("valid", true);
        plan.put("groups", List.of(List.of("database"), List.of("auth")));
        plan.put("problems", List.of());
        plan.put("decision", decision);

        StartupPlan read = AvroSerdes.bundled().<StartupPlan>valueSerde().deserializer()
                .deserialize("orchestration.plans.v1", SchemaHistory.wire(v2, plan));

        assertEquals(List.of(List.of("database"), List.of("auth")), read.getGroups());
        assertEquals(Map.of(), read.getDependencies());
    }
}
