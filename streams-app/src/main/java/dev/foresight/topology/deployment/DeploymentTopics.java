package dev.foresight.topology.deployment;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.RollbackRates;
import dev.foresight.topics.Topic;

/** The topics the deployment guardian writes, and the startup plans it reads each environment's service graph from. */
public record DeploymentTopics(Topic<String, RiskScore> riskScores, Topic<String, AllocationCommand> allocations,
                               Topic<String, RollbackCommand> rollbacks, Topic<String, Alert> alerts,
                               Topic<String, DeploymentState> outcomes, Topic<String, RollbackRates> rollbackRates,
                               Topic<String, StartupPlan> plans) {
}
