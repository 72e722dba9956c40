package dev.foresight.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.domain.workflow.Resources;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and checks what clients send. Only the shape is checked here; the ranges of resource values
 * are checked by the same rule ingest applies to the event the request becomes.
 */
final class Requests {

    static final int MAX_ID_LENGTH = 128;
    static final String DEFAULT_WORKFLOW_TYPE = "unspecified";
    static final int MAX_REASON = 1000;
    private static final Pattern ID = Pattern.compile("[\\p{Alnum}._:@~+-]{1," + MAX_ID_LENGTH + "}");
    private static final Pattern DECIMAL = Pattern.compile("-?(?:\\d{1,20})(?:\\.\\d{1,20})?(?:[eE][-+]?\\d{1,3})?");
    private static final Set<String> USAGE_FIELDS = Set.of("cpuCores", "memoryMb", "networkMb", "cost", "durationMs");

    private final ObjectMapper mapper;

    Requests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static String id(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + " is missing");
        }
        if (!ID.matcher(value).matches()) {
            throw ApiException.badRequest(name + " must be 1 to " + MAX_ID_LENGTH
                    + " letters, digits or ._:@~+- characters");
        }
        return value;
    }

    /** Plain decimal notation only: Java's own parser also takes {@code 0x1p3}, {@code 100d} and {@code NaN}. */
    static double number(String value, String name) {
        if (value == null || !DECIMAL.matcher(value).matches()) {
            throw ApiException.badRequest(name + " must be a number, got '" + value + "'");
        }
        double number = Double.parseDouble(value);
        if (!Double.isFinite(number)) {
            throw ApiException.badRequest(name + " is out of range: '" + value + "'");
        }
        return number;
    }

    /** An ISO-8601 instant query parameter, or {@code otherwise} when it is absent. */
    static Instant instant(String value, String name, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 instant, e.g. 2026-01-05T08:00:00Z");
        }
    }

    /** The workflow type of a create request: {@code {"workflowType": "..."}}, or the default without a body. */
    String workflowType(String body) {
        Optional<JsonNode> json = object(body);
        if (json.isEmpty() || !json.get().has("workflowType")) {
            return DEFAULT_WORKFLOW_TYPE;
        }
        JsonNode type = json.get().get("workflowType");
        if (!type.isTextual()) {
            throw ApiException.badRequest("workflowType must be a string");
        }
        return id(type.asText(), "workflowType");
    }

    /** A submit request: {@code {"actionType": "...", "requested": {cpuCores, memoryMb, ...}}}, requested optional. */
    record Submission(String actionType, Optional<Resources> requested) {
    }

    Submission submission(String body) {
        Optional<JsonNode> json = object(body);
        if (json.isEmpty() || !json.get().path("actionType").isTextual()) {
            throw ApiException.badRequest("the body must give the action's type: {\"actionType\": \"...\"}");
        }
        String type = id(json.get().get("actionType").asText(), "actionType");
        return new Submission(type, resources(json.get(), "requested"));
    }

    /**
     * An operator's answer to a manual-intervention request: {@code {"approved": true|false, "operator": "...",
     * "reason": "...", "resources": {cpuCores, memoryMb, ...}}}, reason and resources optional.
     */
    record Answer(boolean approved, String operator, Optional<String> reason, Optional<Resources> resources) {
    }

    Answer answer(String body) {
        Optional<JsonNode> json = object(body);
        if (json.isEmpty() || !json.get().path("approved").isBoolean() || !json.get().path("operator").isTextual()) {
            throw ApiException.badRequest("the body must say {\"approved\": true|false, \"operator\": \"...\"}");
        }
        JsonNode reason = json.get().path("reason");
        if (!reason.isMissingNode() && !reason.isNull() && (!reason.isTextual() || reason.asText().length() > MAX_REASON)) {
            throw ApiException.badRequest("reason must be a string of at most " + MAX_REASON + " characters");
        }
        return new Answer(json.get().get("approved").asBoolean(), id(json.get().get("operator").asText(), "operator"),
                reason.isTextual() ? Optional.of(reason.asText()) : Optional.empty(), resources(json.get(), "resources"));
    }

    /** The optional usage object {@code name} of {@code json}; resources not given are 0. */
    private static Optional<Resources> resources(JsonNode json, String name) {
        JsonNode usage = json.path(name);
        if (usage.isMissingNode() || usage.isNull()) {
            return Optional.empty();
        }
        if (!usage.isObject()) {
            throw ApiException.badRequest(name + " must be an object of " + USAGE_FIELDS);
        }
        checkUsageFields(usage);
        return Optional.of(new Resources(field(usage, "cpuCores", 0), field(usage, "memoryMb", 0),
                field(usage, "networkMb", 0), field(usage, "cost", 0), field(usage, "durationMs", 0)));
    }

    /**
     * The actual usage of a feedback request: memory from the path, anything else from the optional body
     * {@code {cpuCores, memoryMb, networkMb, cost, durationMs}}; a resource given nowhere is taken as
     * {@code assumed} (what was expected), so the model is not taught an error nobody measured.
     */
    Resources usage(double memoryMbFromPath, String body, Resources assumed) {
        Optional<JsonNode> json = object(body);
        if (json.isEmpty()) {
            return new Resources(assumed.cpuCores(), memoryMbFromPath, assumed.networkMb(), assumed.cost(),
                    assumed.durationMs());
        }
        JsonNode usage = json.get();
        checkUsageFields(usage);
        if (usage.has("memoryMb") && usage.get("memoryMb").asDouble() != memoryMbFromPath) {
            throw ApiException.badRequest("memoryMb in the body differs from the path's actualResourceUsage");
        }
        return new Resources(field(usage, "cpuCores", assumed.cpuCores()), memoryMbFromPath,
                field(usage, "networkMb", assumed.networkMb()), field(usage, "cost", assumed.cost()),
                field(usage, "durationMs", assumed.durationMs()));
    }

    private static void checkUsageFields(JsonNode usage) {
        for (Iterator<String> names = usage.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!USAGE_FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "'; expected some of " + USAGE_FIELDS);
            }
            if (!usage.get(name).isNumber() || usage.get(name).asDouble() < 0) {
                throw ApiException.badRequest(name + " must be a number >= 0");
            }
        }
    }

    private Optional<JsonNode> object(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
        if (!json.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return Optional.of(json);
    }

    private static double field(JsonNode json, String name, double otherwise) {
        return json.has(name) ? json.get(name).asDouble() : otherwise;
    }
}
