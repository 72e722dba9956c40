package dev.foresight.domain.deployment;

import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.HostRiskState;
import java.util.List;
import java.util.Optional;

/**
 * The guardian's state as the lifecycle reads and writes it; the topology keeps it in changelogged
 * stores, a test can keep it in maps. Writes are explicit: a state changed in place is only kept once
 * it is put back.
 */
public interface GuardianState {

    Optional<DeploymentState> deployment(String deploymentId);

    /** Every deployment of the task, read at once so the caller may change the state while it goes through them. */
    List<DeploymentState> deployments();

    void put(DeploymentState deployment);

    void delete(DeploymentState deployment);

    Optional<HostRiskState> host(String deploymentId, String hostId);

    void put(HostRiskState host);

    void deleteHost(String deploymentId, String hostId);

    /** The deployment whose rollback is being validated by the service's health probes. */
    Optional<String> validating(String serviceId);

    void validate(String serviceId, String deploymentId);

    void stopValidating(String serviceId);

    /** The environment's last startup plan, which carries its service graph; read only. */
    Optional<StartupPlan> plan(String environment);

    /** Keeps the model's checkpoint with the state it was learned from. */
    void checkpoint(byte[] model);
}
