package dev.foresight.query.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.domain.workflow.Interventions;
import dev.foresight.schema.commands.InterventionRequest;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.commands.TargetKind;
import dev.foresight.domain.deployment.RollbackRateLedger;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.state.RollbackRates;
import dev.foresight.topics.Topics;
import dev.foresight.serde.AvroSerdes;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class DashboardViewTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    /** Records reach the view through the bundled serde, as the feed's do. */
    private static final Serde<SpecificRecord> SERDE = AvroSerdes.bundled().valueSerde();

    private final DashboardView view = new DashboardView();

    @Test
    void shouldKeepTheNewestCommandsFirstAndForgetTheOldestBeyondTheBound() {
        for (int i = 0; i < DashboardView.MAX_COMMANDS + 5; i++) {
            accept(Topics.ALLOCATIONS.name(), "wf/a" + i, command("c-" + i, i));
        }

        JsonNode commands = view.snapshot().path("commands");

        assertEquals(DashboardView.MAX_COMMANDS, commands.size());
        assertEquals("c-" + (DashboardView.MAX_COMMANDS + 4), commands.path(0).path("id").asText());
        assertEquals("RESERVE", commands.path(0).path("type").asText());
        assertTrue(view.command("c-4").isEmpty(), "aged out");
        assertEquals("because 5", view.command("c-5").orElseThrow().path("reason").asText());
        assertTrue(commands.path(0).path("record").isMissingNode(), "the list leaves the bodies out");
    }

    @Test
    void shouldDrawEachHostsRiskInTimeOrder() {
        accept(Topics.RISK_SCORES.name(), "h-1", risk("h-1", 0, 0.2));
        accept(Topics.RISK_SCORES.name(), "h-2", risk("h-2", 0, 0.1));
        accept(Topics.RISK_SCORES.name(), "h-1", risk("h-1", 60, 0.9));

        JsonNode risk = view.snapshot().path("risk");

        assertEquals(2, risk.path("h-1").size());
        assertEquals(0.9, risk.path("h-1").path(1).path("score").asDouble());
        assertEquals(T0.plusSeconds(60).toString(), risk.path("h-1").path(1).path("issuedAt").asText());
        assertEquals(1, risk.path("h-2").size());
    }

    @Test
    void shouldCountDeadLettersByReasonAndLumpTheRareOnesBeyondTheBound() {
        accept(Topics.DEAD_LETTERS.name(), "k", deadLetter("bad avro"));
        accept(Topics.DEAD_LETTERS.name(), "k", deadLetter("bad avro"));
        for (int i = 0; i < DashboardView.MAX_REASONS + 3; i++) {
            accept(Topics.DEAD_LETTERS.name(), "k", deadLetter("reason " + i));
        }

        JsonNode dead = view.snapshot().path("deadLetters");

        assertEquals(DashboardView.MAX_REASONS + 5, dead.path("total").asLong());
        assertEquals(DashboardView.MAX_REASONS + 1, dead.path("byReason").size());
        assertEquals(2, count(dead, "workflow.events.v1: bad avro"));
        assertEquals(4, count(dead, DashboardView.OTHER_REASONS), "the 4 reasons after the first 50 distinct ones");
        assertEquals(DashboardView.OTHER_REASONS, dead.path("byReason").path(0).path("reason").asText(),
                "the largest count first");
    }

    @Test
    void shouldShowTheLatestRollbackRatesOfEachScopeOverallFirst() {
        accept(Topics.ROLLBACK_RATES.name(), "checkout", rates("checkout", 1, 1, 0));
        accept(Topics.ROLLBACK_RATES.name(), "*", rates("*", 1, 1, 0));
        accept(Topics.ROLLBACK_RATES.name(), "checkout", rates("checkout", 2, 1, 1));

        JsonNode rates = view.snapshot().path("rollbackRates");

        assertEquals(2, rates.size());
        assertEquals("*", rates.path(0).path("scope").asText());
        assertEquals(2, rates.path(1).path("rolledBack").asLong());
        assertEquals(0.5, rates.path(1).path("successRate").asDouble());
    }

    @Test
    void shouldIgnoreTopicsItDoesNotShow() {
        accept("telemetry.events.v1", "h-1", risk("h-1", 0, 0.5));

        assertEquals(0, view.snapshot().path("risk").size());
    }

    private static RollbackRates rates(String scope, long rolledBack, long validated, long escalated) {
        RollbackRates increment = RollbackRates.newBuilder().setScope(scope).setUpdatedAt(T0).setRolledBack(rolledBack)
                .setDeployments(validated + escalated).setValidated(validated).setEscalated(escalated).build();
        return RollbackRateLedger.add(RollbackRateLedger.empty(scope), increment);
    }

    private void accept(String topic, String key, SpecificRecord record) {
        view.accept(topic, key, (GenericRecord) SERDE.deserializer().deserialize(topic,
                SERDE.serializer().serialize(topic, record)));
    }

    private static long count(JsonNode deadLetters, String reason) {
        for (JsonNode row : deadLetters.path("byReason")) {
            if (row.path("reason").asText().equals(reason)) {
                return row.path("count").asLong();
            }
        }
        return 0;
    }

    @Test
    void shouldShowAnInterventionPendingUntilTheOperatorsReservationNamesTheAnswer() {
        InterventionRequest request = intervention();
        accept(Topics.WORKFLOW_INTERVENTIONS.name(), "wf/big", request);
        String pending = view.snapshot().path("interventions").path(0).path("outcome").asText();
        AllocationCommand approved = command("c-9", 9);
        approved.setTarget("wf/big");
        approved.setDecision(decision("approved by alice", Map.of()));
        approved.getDecision().setMadeBy(Interventions.OPERATOR);
        approved.getDecision().setEvidence(Interventions.evidence(request, Interventions.APPROVED, "alice"));
        accept(Topics.ALLOCATIONS.name(), "wf/big", command("c-8", 8));
        accept(Topics.ALLOCATIONS.name(), "wf/big", approved);

        JsonNode state = view.snapshot();

        assertEquals(DashboardView.PENDING, pending);
        assertEquals("APPROVED by alice", state.path("interventions").path(0).path("outcome").asText());
        assertEquals("r-1", state.path("interventions").path(0).path("requestId").asText());
        assertEquals(DashboardView.INTERVENTION, state.path("commands").path(2).path("type").asText());
        assertEquals("r-1", state.path("commands").path(2).path("id").asText());
    }

    private static InterventionRequest intervention() {
        ResourceUsage proposed = new ResourceUsage(8.0, 65_536.0, 0.0, 0.0, 0L);
        return InterventionRequest.newBuilder().setRequestId("r-1").setIssuedAt(T0).setWorkflowId("wf")
                .setWorkflowType("etl").setActionId("big").setActionType("align").setPool("default")
                .setReason("asks for 80% of the pool").setProposed(proposed).setDeadline(T0.plusSeconds(900))
                .setDecision(decision("the request, without history", Map.of())).build();
    }

    private static AllocationCommand command(String id, int i) {
        return AllocationCommand.newBuilder().setCommandId(id).setIssuedAt(T0.plusSeconds(i))
                .setAction(AllocationAction.RESERVE).setTargetKind(TargetKind.WORKFLOW_ACTION).setTarget("wf/a" + i)
                .setDecision(decision("because " + i, Map.of("i", (double) i))).build();
    }

    private static RiskScore risk(String host, int seconds, double score) {
        return RiskScore.newBuilder().setHostId(host).setDeploymentId("d-1").setIssuedAt(T0.plusSeconds(seconds))
                .setScore(score).setDecision(decision("", Map.of())).build();
    }

    private static Decision decision(String explanation, Map<String, Double> inputs) {
        return Decision.newBuilder().setMadeBy("rule").setVersion("v1").setExplanation(explanation).setInputs(inputs)
                .build();
    }

    private static DeadLetter deadLetter(String reason) {
        return DeadLetter.newBuilder().setSourceTopic(Topics.WORKFLOWS.name()).setPartition(0).setOffset(1)
                .setDetectedAt(T0).setStage("ingest").setReason(reason).build();
    }
}
