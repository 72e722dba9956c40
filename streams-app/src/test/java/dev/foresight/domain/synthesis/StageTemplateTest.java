package dev.foresight.domain.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTemplateTest {

    @Test
    void shouldRenderEveryShippedTemplateIntoStagesValidAgainstTheStageSchema() {
        Map<String, StageTemplate> templates = ShippedTemplates.parsed();
        assertEquals(7, templates.size());
        templates.values().forEach(t -> t.render("checkout", Map.of()).forEach(stage ->
                assertEquals(java.util.List.of(), StageFormat.problems(stage), t.id())));
    }

    @Test
    void shouldClampParametersToTheirBoundsAndTypeWholePlaceholdersAsNumbers() {
        JsonNode stage = ShippedTemplates.parsed().get("scaling").render("checkout", Map.of("replicas", 500.0)).get(0);
        assertEquals(64, stage.path("parameters").path("replicas").asInt());
        assertTrue(stage.path("parameters").path("replicas").isIntegralNumber());
        assertEquals("scale --service checkout --replicas 64 --for 3600s", stage.path("steps").get(0).path("run").asText());
        assertEquals("scaling@1", stage.path("template").asText());
    }

    @Test
    void shouldRefuseATemplateWithAnUnknownPlaceholder() {
        InvalidTemplateException e = assertThrows(InvalidTemplateException.class, () -> StageTemplate.parse("""
                id: bad
                stageType: scaling
                version: 1
                parameters: {}
                stage: {name: bad, type: scaling, steps: [{name: s, run: "scale ${nodes}"}]}
                """));
        assertTrue(e.getMessage().contains("${nodes}"), e.getMessage());
    }

    @Test
    void shouldRefuseATemplateWhoseStageBreaksTheSchema() {
        InvalidTemplateException e = assertThrows(InvalidTemplateException.class, () -> StageTemplate.parse("""
                id: bad
                stageType: scaling
                version: 1
                stage: {name: Bad Name, type: teleport, steps: []}
                """));
        assertTrue(e.problems().size() >= 3, e.problems().toString());
    }

    @Test
    void shouldRefuseTextThatIsNotYaml() {
        assertThrows(InvalidTemplateException.class, () -> StageTemplate.parse("id: [unclosed"));
    }
}
