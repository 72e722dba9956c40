package dev.foresight.domain.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.common.DbChangeKind;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlendPlannerTest {

    private static final RestoreTarget TARGET = new RestoreTarget("1.5.0", "1.4.2", Set.of("retry.max-attempts"));

    private final BlendPlanner planner = new BlendPlanner();

    static DeployedResource.Builder resource(String id, ResourceKind kind) {
        return DeployedResource.newBuilder().setResourceId(id).setKind(kind).setVersion("1.5.0").setAttributes(Map.of());
    }

    private BlendDecision only(DeployedResource.Builder resource) {
        return planner.plan(List.of(resource.build()), TARGET).get(0);
    }

    @Test
    void shouldKeepAvroSchemaTheRestoredVersionCanRead() {
        BlendDecision decision = only(resource("order", ResourceKind.AVRO_SCHEMA)
                .setPreviousAvroSchema(OrderSchemas.ORDER_V1)
                .setAvroSchema(OrderSchemas.ORDER_WITH_OPTIONAL_NOTE));
        assertEquals(BlendVerdict.KEEP, decision.getVerdict());
    }

    @Test
    void shouldFlagAvroSchemaTheRestoredVersionCannotReadAsConflictWithAvrosReasons() {
        BlendDecision decision = only(resource("order", ResourceKind.AVRO_SCHEMA)
                .setPreviousAvroSchema(OrderSchemas.ORDER_V1)
                .setAvroSchema(OrderSchemas.ORDER_WITHOUT_STATUS));
        assertEquals(BlendVerdict.CONFLICT, decision.getVerdict());
        assertTrue(decision.getReason().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), decision.getReason());
    }

    @Test
    void shouldFlagAvroSchemaWithoutPreviousSchemaAsConflict() {
        BlendDecision decision = only(resource("order", ResourceKind.AVRO_SCHEMA)
                .setAvroSchema(OrderSchemas.ORDER_V1));
        assertEquals(BlendVerdict.CONFLICT, decision.getVerdict());
    }

    @Test
    void shouldRevertContractWhenNoDataWasMigratedButQuarantineItWhenSomeWas() {
        DeployedResource contract = resource("db/V7", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.CONTRACT).build();
        DeployedResource migration = resource("migration-8", ResourceKind.DATA_MIGRATION).setMinAppVersion("1.0.0").build();
        assertEquals(BlendVerdict.REVERT, planner.plan(List.of(contract), TARGET).get(0).getVerdict());
        assertEquals(BlendVerdict.CONFLICT, planner.plan(List.of(contract, migration), TARGET).get(0).getVerdict());
    }

    @Test
    void shouldCompareMigrationBoundsAsSemanticVersions() {
        BlendDecision decision = only(resource("migration-9", ResourceKind.DATA_MIGRATION)
                .setMinAppVersion("1.4.10"));
        assertEquals(BlendVerdict.CONFLICT, decision.getVerdict(), "1.4.2 is below 1.4.10 although it sorts after it as text");
    }

    @Test
    void shouldFlagMigrationWithUnparseableBoundAsConflict() {
        assertEquals(BlendVerdict.CONFLICT,
                only(resource("migration-9", ResourceKind.DATA_MIGRATION).setMinAppVersion("stable")).getVerdict());
    }

    @Test
    void shouldKeepArtifactNotBuiltForTheFailedVersion() {
        assertEquals(BlendVerdict.KEEP, only(resource("sidecar", ResourceKind.ARTIFACT).setVersion("0.9.1")).getVerdict());
    }

    @Test
    void shouldFlagUnknownResourceKindAsConflict() {
        assertEquals(BlendVerdict.CONFLICT, only(resource("dns", ResourceKind.OTHER)).getVerdict());
    }

    @Test
    void shouldJudgeEveryResourceInOrder() {
        List<BlendDecision> blend = planner.plan(List.of(
                resource("a", ResourceKind.ARTIFACT).build(),
                resource("db", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.EXPAND).build()), TARGET);
        assertEquals(List.of("a", "db"), blend.stream().map(d -> d.getResource().getResourceId()).toList());
    }
}
