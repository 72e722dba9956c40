package dev.foresight.query.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.schema.common.Decision;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A found command for a reader: what it tells an executor to do, who decided it with which model version and
 * confidence, and why: the explanation, the inputs beside their thresholds, and the state the decision read.
 */
public final class ExplanationMarkdown {

    /** The evidence key of the intervention request an operator answered. */
    static final String INTERVENTION_REQUEST = "intervention.request";

    private final ExplanationJson json = new ExplanationJson(new ObjectMapper());

    public String of(FoundCommand found) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(found.type()).append(' ').append(found.id()).append("\n\n");
        md.append(String.format(Locale.ROOT, "On `%s` partition %d offset %d, key `%s`.%n%n", found.topic(),
                found.partition(), found.offset(), found.key()));
        md.append("| field | value |\n|---|---|\n");
        json.value(found.record()).properties().forEach(field -> {
            if (!field.getKey().equals("decision")) {
                md.append("| ").append(field.getKey()).append(" | ").append(cell(field.getValue())).append(" |\n");
            }
        });
        found.decision().ifPresentOrElse(decision -> decision(md, decision),
                () -> md.append("\nThis record carries no decision.\n"));
        return md.toString();
    }

    private static void decision(StringBuilder md, Decision decision) {
        md.append("\n## Decision\n\nMade by **").append(decision.getMadeBy()).append("** version `")
                .append(decision.getVersion()).append('`');
        if (decision.getConfidence() != null) {
            md.append(String.format(Locale.ROOT, ", confidence %.3f", decision.getConfidence()));
        }
        md.append(".\n\n");
        if (!decision.getExplanation().isBlank()) {
            md.append("> ").append(decision.getExplanation().replace("\n", " ")).append("\n\n");
        }
        table(md, "Inputs", decision.getInputs());
        table(md, "Thresholds", decision.getThresholds());
        table(md, "State it read", decision.getEvidence());
        String request = decision.getEvidence().get(INTERVENTION_REQUEST);
        if (request != null) {
            md.append("An operator decided it, on request `").append(request)
                    .append("` (`foresight explain ").append(request).append("` shows what they were asked).\n");
        }
    }

    private static void table(StringBuilder md, String title, Map<String, ?> values) {
        md.append("### ").append(title).append("\n\n");
        if (values.isEmpty()) {
            md.append("(none recorded)\n\n");
            return;
        }
        md.append("| name | value |\n|---|---|\n");
        new TreeMap<>(values).forEach((name, value) -> md.append("| ").append(name).append(" | ")
                .append(value instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : escape(value.toString()))
                .append(" |\n"));
        md.append('\n');
    }

    private static String cell(JsonNode value) {
        return escape(value.isTextual() ? value.asText() : value.toString());
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
