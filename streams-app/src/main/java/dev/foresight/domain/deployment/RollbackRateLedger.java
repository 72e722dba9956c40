package dev.foresight.domain.deployment;

import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.RollbackRates;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The seed's "monitoring of rollback success rates": counts of rollbacks issued, validated and escalated,
 * per service and over all of them, with the rates they imply. A tally is a sum of increments, one per
 * rollback issued and one per deployment that ended, so the same record type carries both. No Kafka types.
 */
public final class RollbackRateLedger {

    /** The scope of the tally over every service. */
    public static final String OVERALL = "*";

    private RollbackRateLedger() {
    }

    /**
     * What one guardian output adds, for its service and for {@link #OVERALL}, as of the time the output is
     * about; nothing for the outputs that count for nothing.
     */
    public static List<RollbackRates> increments(GuardOutput output) {
        return increment(output).map(one -> List.of(one, RollbackRates.newBuilder(one).setScope(OVERALL).build()))
                .orElse(List.of());
    }

    public static RollbackRates empty(String scope) {
        return RollbackRates.newBuilder().setScope(scope).setUpdatedAt(Instant.EPOCH).build();
    }

    /** {@code total} with {@code increment} added and the rates recomputed. */
    public static RollbackRates add(RollbackRates total, RollbackRates increment) {
        RollbackRates sum = RollbackRates.newBuilder(total)
                .setUpdatedAt(increment.getUpdatedAt())
                .setDeployments(total.getDeployments() + increment.getDeployments())
                .setSucceeded(total.getSucceeded() + increment.getSucceeded())
                .setRolledBack(total.getRolledBack() + increment.getRolledBack())
                .setValidated(total.getValidated() + increment.getValidated())
                .setPartiallySucceeded(total.getPartiallySucceeded() + increment.getPartiallySucceeded())
                .setEscalated(total.getEscalated() + increment.getEscalated())
                .setLastDeploymentId(increment.getLastDeploymentId())
                .build();
        long concluded = sum.getValidated() + sum.getEscalated();
        sum.setRollbackRate(share(concluded, sum.getDeployments()));
        sum.setSuccessRate(share(sum.getValidated(), concluded));
        sum.setEscalationRate(share(sum.getEscalated(), concluded));
        return sum;
    }

    private static Optional<RollbackRates> increment(GuardOutput output) {
        if (output instanceof GuardOutput.Rollback rollback) {
            RollbackCommand command = rollback.command();
            return Optional.of(base(command.getServiceId(), command.getDeploymentId(), command.getIssuedAt())
                    .setRolledBack(1).build());
        }
        if (output instanceof GuardOutput.Outcome outcome) {
            DeploymentState deployment = outcome.deployment();
            RollbackRates.Builder one = base(deployment.getServiceId(), deployment.getDeploymentId(),
                    deployment.getEndedAt()).setDeployments(1);
            switch (deployment.getStatus()) {
                case SUCCEEDED -> one.setSucceeded(1);
                case ROLLED_BACK -> one.setValidated(1);
                case PARTIALLY_SUCCEEDED -> one.setValidated(1).setPartiallySucceeded(1);
                case ESCALATED -> one.setEscalated(1);
                default -> {
                    return Optional.empty(); // not a final state: nothing ended
                }
            }
            return Optional.of(one.build());
        }
        return Optional.empty();
    }

    private static RollbackRates.Builder base(String serviceId, String deploymentId, Instant at) {
        return RollbackRates.newBuilder().setScope(serviceId).setUpdatedAt(at).setLastDeploymentId(deploymentId);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
