package dev.foresight.domain.deployment;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.state.DeploymentState;

/** What the guardian emits, each with the key of its output topic. */
public sealed interface GuardOutput {

    String key();

    record Risk(RiskScore score) implements GuardOutput {
        @Override
        public String key() {
            return score.getHostId();
        }
    }

    record Allocation(AllocationCommand command) implements GuardOutput {
        @Override
        public String key() {
            return command.getTarget();
        }
    }

    record Rollback(RollbackCommand command) implements GuardOutput {
        @Override
        public String key() {
            return command.getDeploymentId();
        }
    }

    record Notice(Alert alert) implements GuardOutput {
        @Override
        public String key() {
            return alert.getSubject();
        }
    }

    record Outcome(DeploymentState deployment) implements GuardOutput {
        @Override
        public String key() {
            return deployment.getDeploymentId();
        }
    }
}
