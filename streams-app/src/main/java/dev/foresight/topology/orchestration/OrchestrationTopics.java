package dev.foresight.topology.orchestration;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.OrchestrationCommand;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.state.ServiceHealth;
import dev.foresight.topics.Topic;

/** The topics the orchestration writes, wired in by the application topology. */
public record OrchestrationTopics(Topic<String, StartupPlan> plans, Topic<String, OrchestrationCommand> commands,
                                  Topic<String, ServiceHealth> health, Topic<String, Alert> alerts,
                                  Topic<String, RollbackCommand> rollbacks) {
}
