package dev.foresight.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.state.ActionPrediction;
import dev.foresight.schema.state.ManualIntervention;
import dev.foresight.schema.state.PredictionError;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowWorkflow;
import java.time.Instant;

/** Shadows as JSON: the Avro state with instants as ISO-8601 strings and absent values left out. */
final class ShadowJson {

    private final ObjectMapper mapper;

    ShadowJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode shadow(ShadowWorkflow shadow) {
        ObjectNode json = mapper.createObjectNode()
                .put("workflowId", shadow.getWorkflowId())
                .put("workflowType", shadow.getWorkflowType())
                .put("status", shadow.getStatus().name())
                .put("createdAt", shadow.getCreatedAt().toString())
                .put("updatedAt", shadow.getUpdatedAt().toString())
                .put("expectedActions", shadow.getExpectedActions())
                .put("archivedActions", shadow.getArchivedActions());
        putInstant(json, "completedAt", shadow.getCompletedAt());
        ArrayNode actions = json.putArray("actions");
        shadow.getActions().forEach(action -> actions.add(action(action)));
        return json;
    }

    ObjectNode prediction(ShadowWorkflow shadow, ShadowAction action) {
        ActionPrediction p = action.getPrediction();
        ObjectNode json = mapper.createObjectNode()
                .put("workflowId", shadow.getWorkflowId())
                .put("actionId", action.getActionId())
                .put("actionType", action.getActionType());
        json.setAll(prediction(p));
        if (action.getError() != null) {
            json.set("error", error(action.getError()));
        }
        return json;
    }

    ObjectNode message(String text) {
        return mapper.createObjectNode().put("error", text);
    }

    ObjectNode action(ShadowAction action) {
        ObjectNode json = mapper.createObjectNode()
                .put("actionId", action.getActionId())
                .put("actionType", action.getActionType());
        putInstant(json, "startedAt", action.getStartedAt());
        putInstant(json, "endedAt", action.getEndedAt());
        if (action.getSucceeded() != null) {
            json.put("succeeded", action.getSucceeded());
        }
        putUsage(json, "requested", action.getRequested());
        putUsage(json, "actual", action.getActual());
        if (action.getPrediction() != null) {
            json.set("prediction", prediction(action.getPrediction()));
        }
        if (action.getError() != null) {
            json.set("error", error(action.getError()));
        }
        if (action.getIntervention() != null) {
            json.set("intervention", intervention(action.getIntervention()));
        }
        return json;
    }

    private ObjectNode intervention(ManualIntervention i) {
        ObjectNode json = mapper.createObjectNode().put("requestedAt", i.getRequestedAt().toString())
                .put("deadline", i.getDeadline().toString()).put("reason", i.getReason())
                .put("outcome", i.getOutcome()).put("decidedBy", i.getDecidedBy());
        putInstant(json, "decidedAt", i.getDecidedAt());
        return json;
    }

    private ObjectNode prediction(ActionPrediction p) {
        ObjectNode json = mapper.createObjectNode()
                .put("source", p.getSource().name())
                .put("madeBy", p.getMadeBy())
                .put("version", p.getVersion())
                .put("madeAt", p.getMadeAt().toString())
                .put("confidence", p.getConfidence())
                .put("pool", p.getPool());
        putUsage(json, "expected", p.getExpected());
        putUsage(json, "allocated", p.getAllocated());
        return json;
    }

    private ObjectNode error(PredictionError e) {
        return mapper.createObjectNode()
                .put("cpuCores", e.getCpuCores()).put("memoryMb", e.getMemoryMb()).put("networkMb", e.getNetworkMb())
                .put("cost", e.getCost()).put("durationMs", e.getDurationMs())
                .put("worst", e.getWorst()).put("worstResource", e.getWorstResource());
    }

    private void putUsage(ObjectNode json, String name, ResourceUsage usage) {
        if (usage != null) {
            json.putObject(name)
                    .put("cpuCores", usage.getCpuCores()).put("memoryMb", usage.getMemoryMb())
                    .put("networkMb", usage.getNetworkMb()).put("cost", usage.getCost())
                    .put("durationMs", usage.getDurationMs());
        }
    }

    private static void putInstant(ObjectNode json, String name, Instant instant) {
        if (instant != null) {
            json.put(name, instant.toString());
        }
    }
}
