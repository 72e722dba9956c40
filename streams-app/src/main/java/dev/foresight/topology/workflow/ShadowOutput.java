package dev.foresight.topology.workflow;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.InterventionRequest;
import dev.foresight.schema.state.ShadowWorkflow;

/** What the shadow processor emits, before it is routed to the reservation pool or an output topic. */
sealed interface ShadowOutput {

    /** A RESERVE or RELEASE for the pool; forwarded keyed by pool id. */
    record PoolRequest(AllocationCommand command) implements ShadowOutput {
    }

    /** Forwarded keyed by the alert's subject. */
    record DeviationAlert(Alert alert) implements ShadowOutput {
    }

    /** A reservation that waits for an operator; forwarded keyed by workflowId/actionId. */
    record InterventionNeeded(InterventionRequest request) implements ShadowOutput {
    }

    /** A finished (or abandoned) shadow; forwarded keyed by workflow id. */
    record Summary(ShadowWorkflow shadow) implements ShadowOutput {
    }
}
