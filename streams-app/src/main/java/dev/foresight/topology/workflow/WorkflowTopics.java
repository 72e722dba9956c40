package dev.foresight.topology.workflow;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.InterventionRequest;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.topics.Topic;

/** The topics workflow shadowing writes. */
public record WorkflowTopics(Topic<String, AllocationCommand> allocations, Topic<String, Alert> alerts,
                             Topic<String, ShadowWorkflow> shadows, Topic<String, InterventionRequest> interventions) {
}
