package dev.foresight.domain.synthesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A live pipeline template: stages kept as YAML data whose strings may hold {@code ${parameter}}
 * placeholders, each parameter with a default and bounds. {@code ${pipeline}} is the service.
 *
 * <pre>
 * id: scaling
 * stageType: scaling
 * version: 1
 * parameters: {replicas: {default: 2, min: 1, max: 64}}
 * stage: {name: scale-out, type: scaling, steps: [{name: scale, run: "scale --replicas ${replicas}"}]}
 * </pre>
 *
 * A string that is exactly one placeholder becomes a number. A template is checked whole when parsed:
 * unknown placeholders, bad bounds, and stages that break the stage format with the defaults are refused.
 */
public record StageTemplate(String id, String stageType, int version, Map<String, Parameter> parameters,
                            List<JsonNode> stages) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
    static final String PIPELINE = "pipeline";

    /** A numeric parameter: its default and the bounds any rendered value is clamped into. */
    public record Parameter(double defaultValue, double min, double max) {

        double clamp(double value) {
            return Math.max(min, Math.min(max, value));
        }
    }

    /** @throws InvalidTemplateException listing every problem */
    public static StageTemplate parse(String yaml) {
        JsonNode root;
        try {
            root = StageFormat.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidTemplateException("template", List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject() || !root.path("id").isTextual()) {
            throw new InvalidTemplateException("template", List.of("expected a mapping with an 'id'"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Parameter> parameters = parameters(root.path("parameters"), problems);
        List<JsonNode> stages = stages(root, problems);
        StageTemplate template = new StageTemplate(root.get("id").asText(), root.path("stageType").asText(""),
                root.path("version").asInt(0), parameters, stages);
        if (template.version < 1) {
            problems.add("version must be a positive integer");
        }
        if (problems.isEmpty()) {
            template.checkPlaceholders(problems);
        }
        if (problems.isEmpty()) {
            template.render("example", Map.of()).forEach(stage -> StageFormat.problems(stage).forEach(p ->
                    problems.add("stage " + stage.path("name").asText() + ": " + p)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException("template " + template.id, problems);
        }
        return template;
    }

    /** The reference a rendered stage carries back to this template, e.g. {@code scaling@1}. */
    public String reference() {
        return id + "@" + version;
    }

    /** The stages with the given values (clamped to their bounds; defaults for the rest). */
    public List<JsonNode> render(String pipeline, Map<String, Double> values) {
        Map<String, String> text = new LinkedHashMap<>();
        text.put(PIPELINE, pipeline);
        parameters.forEach((name, p) -> text.put(name,
                number(p.clamp(values.getOrDefault(name, p.defaultValue())))));
        return stages.stream().map(stage -> withReference((ObjectNode) substitute(stage, text))).toList();
    }

    private JsonNode withReference(ObjectNode stage) {
        if (!stage.has("template")) {
            stage.put("template", reference());
        }
        return stage;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }

    private static JsonNode substitute(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            String s = node.asText();
            Matcher whole = PLACEHOLDER.matcher(s);
            if (whole.matches() && !PIPELINE.equals(whole.group(1))) {
                return JsonNodeFactory.instance.numberNode(Double.valueOf(values.get(whole.group(1))).longValue());
            }
            return JsonNodeFactory.instance.textNode(PLACEHOLDER.matcher(s).replaceAll(
                    m -> Matcher.quoteReplacement(values.get(m.group(1)))));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), substitute(e.getValue(), values)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(substitute(item, values)));
            return copy;
        }
        return node;
    }

    private void checkPlaceholders(List<String> problems) {
        stages.forEach(stage -> placeholders(stage, problems));
    }

    private void placeholders(JsonNode node, List<String> problems) {
        if (node.isTextual()) {
            PLACEHOLDER.matcher(node.asText()).results().map(m -> m.group(1))
                    .filter(name -> !PIPELINE.equals(name) && !parameters.containsKey(name))
                    .forEach(name -> problems.add("placeholder ${" + name + "} names no parameter"));
        }
        node.forEach(child -> placeholders(child, problems));
    }

    private static Map<String, Parameter> parameters(JsonNode node, List<String> problems) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            JsonNode p = e.getValue();
            double min = p.path("min").asDouble(Double.NaN);
            double max = p.path("max").asDouble(Double.NaN);
            double dflt = p.path("default").asDouble(Double.NaN);
            if (!(min <= dflt && dflt <= max)) {
                problems.add("parameter " + e.getKey() + ": needs numbers min <= default <= max");
            }
            parameters.put(e.getKey(), new Parameter(dflt, min, max));
        });
        return parameters;
    }

    private static List<JsonNode> stages(JsonNode root, List<String> problems) {
        List<JsonNode> stages = new ArrayList<>();
        if (root.path("stage").isObject()) {
            stages.add(root.get("stage"));
        }
        root.path("stages").forEach(stages::add);
        if (stages.isEmpty()) {
            problems.add("expected a 'stage' mapping or a 'stages' list");
        }
        return stages;
    }
}
