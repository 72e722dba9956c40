package dev.foresight.domain.orchestration;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.OrchestrationCommand;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.state.ServiceHealth;

/** What the orchestrator forwards; the builder routes each kind to its topic. */
public sealed interface OrchestrationOutput {

    record Plan(StartupPlan plan) implements OrchestrationOutput {
    }

    record Health(ServiceHealth health) implements OrchestrationOutput {
    }

    record Command(OrchestrationCommand command) implements OrchestrationOutput {
    }

    record Rollback(RollbackCommand command) implements OrchestrationOutput {
    }

    record Notice(Alert alert) implements OrchestrationOutput {
    }
}
