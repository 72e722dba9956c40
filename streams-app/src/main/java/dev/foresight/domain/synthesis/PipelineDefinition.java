package dev.foresight.domain.synthesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline's definition as code: {@code {pipeline, stages: [...]}}, each stage in the stage format.
 * Immutable; a change returns a new definition.
 */
public final class PipelineDefinition {

    private final String pipeline;
    private final List<JsonNode> stages;

    public PipelineDefinition(String pipeline, List<JsonNode> stages) {
        this.pipeline = pipeline;
        this.stages = List.copyOf(stages);
    }

    public static PipelineDefinition fromJson(String json) {
        JsonNode root = StageFormat.readJson(json);
        List<JsonNode> stages = new ArrayList<>();
        root.path("stages").forEach(stages::add);
        return new PipelineDefinition(root.path("pipeline").asText(), stages);
    }

    public String pipeline() {
        return pipeline;
    }

    public List<JsonNode> stages() {
        return stages;
    }

    public Optional<JsonNode> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.path("name").asText())).findFirst();
    }

    /** With {@code stage} in place of the stage of the same name, or added after the stages it needs. */
    public PipelineDefinition with(JsonNode stage) {
        String name = stage.path("name").asText();
        List<JsonNode> next = new ArrayList<>(stages);
        for (int i = 0; i < next.size(); i++) {
            if (name.equals(next.get(i).path("name").asText())) {
                next.set(i, stage);
                return new PipelineDefinition(pipeline, next);
            }
        }
        next.add(insertionPoint(stage), stage);
        return new PipelineDefinition(pipeline, next);
    }

    /** Right after the last stage it needs, so the list reads in execution order. */
    private int insertionPoint(JsonNode stage) {
        int after = -1;
        for (JsonNode need : stage.path("needs")) {
            for (int i = 0; i < stages.size(); i++) {
                if (need.asText().equals(stages.get(i).path("name").asText())) {
                    after = Math.max(after, i);
                }
            }
        }
        return after < 0 ? stages.size() : after + 1;
    }

    public JsonNode tree() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("pipeline", pipeline);
        ArrayNode list = root.putArray("stages");
        stages.forEach(list::add);
        return root;
    }

    public String json() {
        return StageFormat.json(tree());
    }

    public String yaml() {
        return StageFormat.yaml(tree());
    }

    /** SHA-256 of the JSON (keys sorted), so equal definitions have equal hashes whatever made them. */
    public String contentHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
