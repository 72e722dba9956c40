package dev.foresight.query.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.common.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    private static final Instant AT = Instant.parse("2026-01-05T08:00:00Z");

    private final FoundCommand rollback = new FoundCommand("rollback.commands.v1", 2, 41, "d-7", RollbackCommand
            .newBuilder().setCommandId("d-7/rollback").setIssuedAt(AT).setDeploymentId("d-7").setServiceId("checkout")
            .setFailedVersion("v2").setRestoreVersion("v1").setBlend(List.<BlendDecision>of())
            .setDecision(Decision.newBuilder().setMadeBy("deployment-guardian").setVersion("abort-v1")
                    .setInputs(Map.of("risk", 0.91)).setThresholds(Map.of("abort", 0.8)).setConfidence(0.7)
                    .setExplanation("risk held over abort | for 2 min")
                    .setEvidence(Map.of("deployment.status", "RUNNING", "host.id", "h-3")).build())
            .build());

    @Test
    void shouldTitleACommandByItsTypeAndId() {
        String markdown = new ExplanationMarkdown().of(rollback);

        assertTrue(markdown.startsWith("# RollbackCommand d-7/rollback\n"), markdown);
        assertTrue(markdown.contains("On `rollback.commands.v1` partition 2 offset 41, key `d-7`."), markdown);
        assertTrue(markdown.contains("| restoreVersion | v1 |"), markdown);
        assertTrue(markdown.contains("| issuedAt | 2026-01-05T08:00:00Z |"), markdown);
    }

    @Test
    void shouldShowTheModelItsInputsBesideThresholdsAndTheStateItRead() {
        String markdown = new ExplanationMarkdown().of(rollback);

        assertTrue(markdown.contains("Made by **deployment-guardian** version `abort-v1`, confidence 0.700."), markdown);
        assertTrue(markdown.contains("> risk held over abort | for 2 min"), markdown);
        assertTrue(markdown.contains("### Inputs\n\n| name | value |\n|---|---|\n| risk | 0.9100 |"), markdown);
        assertTrue(markdown.contains("### Thresholds\n\n| name | value |\n|---|---|\n| abort | 0.8000 |"), markdown);
        assertTrue(markdown.contains("| deployment.status | RUNNING |\n| host.id | h-3 |"), markdown);
    }

    @Test
    void shouldSayWhenNoStateWasRecorded() {
        FoundCommand plan = new FoundCommand("orchestration.plans.v1", 0, 3, "prod", StartupPlan.newBuilder()
                .setPlanId("p-1").setIssuedAt(AT).setEnvironment("prod").setValid(true)
                .setGroups(List.of(List.of("db"), List.of("api")))
                .setDecision(Decision.newBuilder().setMadeBy("startup-planner").setVersion("1")
                        .setInputs(Map.of()).setThresholds(Map.of()).build())
                .build());

        String markdown = new ExplanationMarkdown().of(plan);

        assertTrue(markdown.startsWith("# StartupPlan p-1"), markdown);
        assertTrue(markdown.contains("| groups | [[\"db\"],[\"api\"]] |"), markdown);
        assertTrue(markdown.contains("### State it read\n\n(none recorded)"), markdown);
    }

    @Test
    void shouldWriteTheWholeRecordAsJson() {
        JsonNode json = new ExplanationJson(new ObjectMapper()).of(rollback);

        assertEquals("d-7/rollback", json.get("id").asText());
        assertEquals("RollbackCommand", json.get("type").asText());
        assertEquals(41, json.get("offset").asLong());
        assertEquals("2026-01-05T08:00:00Z", json.get("command").get("issuedAt").asText());
        assertEquals(0.91, json.get("command").get("decision").get("inputs").get("risk").asDouble());
        assertEquals("h-3", json.get("command").get("decision").get("evidence").get("host.id").asText());
    }
}
