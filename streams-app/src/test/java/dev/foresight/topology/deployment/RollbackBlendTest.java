package dev.foresight.topology.deployment;

import static dev.foresight.topology.deployment.GuardianScenario.HOST;
import static dev.foresight.topology.deployment.GuardianScenario.TO;
import static dev.foresight.topology.deployment.GuardianScenario.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.deployment.GuardCommands;
import dev.foresight.domain.rollback.OrderSchemas;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.common.DbChangeKind;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.FailedResource;
import dev.foresight.schema.common.ResourceKind;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.DeploymentStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blend of a failed deployment's rollback, one rule at a time, through the whole topology. */
class RollbackBlendTest {

    @TempDir
    Path stateDir;

    private GuardianScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new GuardianScenario(stateDir, new ErrorRateIsRisk());
        scenario.start(at(0, 0));
    }

    @AfterEach
    void tearDown() {
        scenario.close();
    }

    private static DeployedResource.Builder resource(String id, ResourceKind kind) {
        return DeployedResource.newBuilder().setResourceId(id).setKind(kind).setVersion(TO).setAttributes(Map.of());
    }

    /** Applies the resources, fails the deployment, and returns the rollback's blend. */
    private List<BlendDecision> blendOf(DeployedResource.Builder... resources) {
        for (int i = 0; i < resources.length; i++) {
            scenario.apply(resources[i].build(), at(0, 5 + i));
        }
        scenario.fail(HOST, at(2, 0));
        return scenario.rollbacks.readValue().getBlend();
    }

    private BlendVerdict verdictOf(DeployedResource.Builder resource) {
        return blendOf(resource).get(0).getVerdict();
    }

    @Test
    void shouldKeepAvroSchemaWhoseDataTheRestoredVersionCanRead() {
        assertEquals(BlendVerdict.KEEP, verdictOf(resource("order-events", ResourceKind.AVRO_SCHEMA)
                .setPreviousAvroSchema(OrderSchemas.ORDER_V1)
                .setAvroSchema(OrderSchemas.ORDER_WITH_OPTIONAL_NOTE)));
    }

    @Test
    void shouldFlagAvroSchemaWhoseDataTheRestoredVersionCannotReadAsConflict() {
        BlendDecision decision = blendOf(resource("order-events", ResourceKind.AVRO_SCHEMA)
                .setPreviousAvroSchema(OrderSchemas.ORDER_V1)
                .setAvroSchema(OrderSchemas.ORDER_WITH_INT_ID)).get(0);
        assertEquals(BlendVerdict.CONFLICT, decision.getVerdict());
        assertTrue(decision.getReason().contains("TYPE_MISMATCH"), decision.getReason());
    }

    @Test
    void shouldKeepAnExpandingDatabaseChange() {
        assertEquals(BlendVerdict.KEEP, verdictOf(resource("db/V12", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.EXPAND)));
    }

    @Test
    void shouldRevertAContractingDatabaseChange() {
        assertEquals(BlendVerdict.REVERT,
                verdictOf(resource("db/V13", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.CONTRACT)));
    }

    @Test
    void shouldQuarantineAContractingDatabaseChangeWhenDataWasMigrated() {
        List<BlendDecision> blend = blendOf(
                resource("db/V13", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.CONTRACT),
                resource("migration-14", ResourceKind.DATA_MIGRATION).setMinAppVersion("1.0.0"));
        assertEquals(BlendVerdict.CONFLICT, blend.get(0).getVerdict());
    }

    @Test
    void shouldKeepAConfigKeyTheRestoredVersionKnows() {
        assertEquals(BlendVerdict.KEEP,
                verdictOf(resource("config/batch.size", ResourceKind.CONFIG_KEY).setConfigKey("batch.size")));
    }

    @Test
    void shouldRevertAConfigKeyTheRestoredVersionDoesNotKnow() {
        assertEquals(BlendVerdict.REVERT,
                verdictOf(resource("config/tls.min-version", ResourceKind.CONFIG_KEY).setConfigKey("tls.min-version")));
    }

    @Test
    void shouldKeepADataMigrationTheRestoredVersionRunsOn() {
        assertEquals(BlendVerdict.KEEP, verdictOf(resource("migration-3", ResourceKind.DATA_MIGRATION)
                .setMinAppVersion("1.4.0").setMaxAppVersion("2.0.0")));
    }

    @Test
    void shouldQuarantineADataMigrationTheRestoredVersionCannotRunOn() {
        BlendDecision decision = blendOf(resource("migration-4", ResourceKind.DATA_MIGRATION).setMinAppVersion(TO)).get(0);
        assertEquals(BlendVerdict.CONFLICT, decision.getVerdict());
        assertTrue(decision.getReason().contains("outside [1.5.0, *]"), decision.getReason());
    }

    @Test
    void shouldRevertTheArtifactOfTheFailedVersion() {
        assertEquals(BlendVerdict.REVERT, verdictOf(resource("checkout-image", ResourceKind.ARTIFACT)));
    }

    @Test
    void shouldKeepAFeatureFlagSwitchedOff() {
        BlendDecision decision = blendOf(resource("flag/async-writes", ResourceKind.FEATURE_FLAG)
                .setAttributes(Map.of("enabled", "true", "rolloutPercent", "25"))).get(0);
        assertEquals(BlendVerdict.KEEP, decision.getVerdict());
        assertEquals(Map.of("enabled", "false", "rolloutPercent", "25"), decision.getResource().getAttributes());
    }

    @Test
    void shouldBlendOnlyTheResourcesThatAppliedAndListTheOthersAsSkippedWithWhy() {
        scenario.apply(resource("db/V12", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.EXPAND).build(), at(0, 5));
        scenario.applyFailed(resource("config/batch.size", ResourceKind.CONFIG_KEY).setConfigKey("batch.size").build(),
                "rejected by the config service: precondition failed", at(0, 10));
        scenario.fail(HOST, at(2, 0));

        RollbackCommand rollback = scenario.rollbacks.readValue();
        assertEquals(List.of("db/V12"), rollback.getBlend().stream().map(d -> d.getResource().getResourceId()).toList());
        assertEquals(1, rollback.getSkipped().size());
        FailedResource skipped = rollback.getSkipped().get(0);
        assertEquals("config/batch.size", skipped.getResource().getResourceId());
        assertEquals("rejected by the config service: precondition failed", skipped.getReason());
        assertEquals(1.0, rollback.getDecision().getInputs().get("skipped"));
        assertTrue(rollback.getDecision().getExplanation().contains("1 skipped, not applied: config/batch.size"),
                rollback.getDecision().getExplanation());
        assertEquals(List.of("config/batch.size"),
                scenario.stored().getFailedResources().stream().map(f -> f.getResource().getResourceId()).toList());
    }

    @Test
    void shouldBlendAResourceWhoseRetryAppliedAndNotListItAsSkipped() {
        DeployedResource flag = resource("flag/async-writes", ResourceKind.FEATURE_FLAG).build();
        scenario.applyFailed(flag, "connection reset by the config service", at(0, 5));
        scenario.apply(flag, at(0, 10));
        scenario.fail(HOST, at(2, 0));

        RollbackCommand rollback = scenario.rollbacks.readValue();
        assertEquals(List.of("flag/async-writes"), rollback.getBlend().stream().map(d -> d.getResource().getResourceId()).toList());
        assertEquals(List.of(), rollback.getSkipped());
    }

    @Test
    void shouldRevertAContractingDatabaseChangeWhenTheDataMigrationFailedToApply() {
        scenario.apply(resource("db/V13", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.CONTRACT).build(), at(0, 5));
        scenario.applyFailed(resource("migration-14", ResourceKind.DATA_MIGRATION).setMinAppVersion("1.0.0").build(),
                "lock wait timeout exceeded", at(0, 10));
        scenario.fail(HOST, at(2, 0));

        List<BlendDecision> blend = scenario.rollbacks.readValue().getBlend();
        assertEquals(1, blend.size());
        assertEquals(BlendVerdict.REVERT, blend.get(0).getVerdict(), "no data was migrated: " + blend.get(0).getReason());
    }

    @Test
    void shouldAlertEachQuarantinedResourceWithItsReasonWhenTheRollbackIsIssued() {
        blendOf(resource("order-events", ResourceKind.AVRO_SCHEMA)
                        .setPreviousAvroSchema(OrderSchemas.ORDER_V1).setAvroSchema(OrderSchemas.ORDER_WITH_INT_ID),
                resource("db/V12", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.EXPAND),
                resource("migration-4", ResourceKind.DATA_MIGRATION).setMinAppVersion(TO));

        Map<String, Alert> alerts = scenario.alerts.readValuesToList().stream()
                .collect(Collectors.toMap(alert -> alert.getDecision().getEvidence().get("resource.id"), alert -> alert));
        assertEquals(Set.of("order-events", "migration-4"), alerts.keySet(), "one alert per quarantined resource, none else");
        for (Alert alert : alerts.values()) {
            assertEquals(GuardCommands.QUARANTINE_ALERT, alert.getKind());
            assertEquals(AlertSeverity.WARNING, alert.getSeverity());
            assertEquals(GuardianScenario.DEPLOYMENT, alert.getSubject());
            assertEquals(at(2, 0), alert.getIssuedAt(), "raised with the rollback, not after validation");
        }
        assertTrue(alerts.get("order-events").getMessage().contains("TYPE_MISMATCH"), alerts.get("order-events").getMessage());
        assertTrue(alerts.get("migration-4").getMessage().contains("outside [1.5.0, *]"),
                alerts.get("migration-4").getMessage());
        assertEquals("DATA_MIGRATION", alerts.get("migration-4").getDecision().getEvidence().get("resource.kind"));
    }

    @Test
    void shouldMarkAValidatedRollbackWithKeptResourcesPartiallySucceeded() {
        blendOf(resource("checkout-image", ResourceKind.ARTIFACT),
                resource("db/V12", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.EXPAND),
                resource("migration-4", ResourceKind.DATA_MIGRATION).setMinAppVersion(TO));
        for (int second = 0; second < 150; second += 30) {
            scenario.probe(HOST, GuardianScenario.FROM, true, at(3, second));
        }
        scenario.probe(HOST, GuardianScenario.FROM, true, at(13, 0));

        List<Alert> alerts = scenario.alerts.readValuesToList();
        assertEquals(List.of(GuardCommands.QUARANTINE_ALERT, "rollback-validated"), alerts.stream().map(Alert::getKind).toList());
        assertEquals(AlertSeverity.INFO, alerts.get(1).getSeverity());
        DeploymentState outcome = scenario.outcomes.readValue();
        assertEquals(DeploymentStatus.PARTIALLY_SUCCEEDED, outcome.getStatus());
        assertEquals(List.of("db/V12"), outcome.getKeptResources().stream().map(DeployedResource::getResourceId).toList());
        assertEquals(List.of("migration-4"),
                outcome.getQuarantinedResources().stream().map(DeployedResource::getResourceId).toList());
        assertEquals(outcome, scenario.stored(), "the store holds what was published");
    }
}
