package dev.foresight.domain.deployment;

import dev.foresight.predict.risk.RiskModel;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.DeploymentStatus;
import dev.foresight.schema.state.HostRiskState;
import java.util.Collection;
import java.util.List;

/**
 * Turns the outcome of a deployment into labels for the risk model: each host's scored windows of the
 * last label horizon are learned once, as failures or as successes.
 */
public final class OutcomeLabeller {

    private final RiskModel model;
    private final GuardianState state;

    public OutcomeLabeller(RiskModel model, GuardianState state) {
        this.model = model;
        this.state = state;
    }

    /** A host whose step failed while the deployment still runs: its windows were a failure's prelude. */
    public void stepFailed(DeploymentState deployment, String hostId) {
        if (deployment.getStatus() == DeploymentStatus.RUNNING) {
            learn(deployment, List.of(hostId), true);
        }
    }

    /**
     * The failed host's windows as failures; with no host named, every host's (the version failed
     * everywhere). The other hosts of a failed deployment are not labelled at all: it stopped before they
     * proved themselves either way. Call it only for a deployment that was still running: one the
     * guardian aborted is not learned from, as the outcome the model predicted never happened, and
     * learning it would only confirm the model's own guess.
     */
    public void failed(DeploymentState deployment, String hostId) {
        learn(deployment, hostId == null ? deployment.getHosts() : List.of(hostId), true);
    }

    public void succeeded(DeploymentState deployment) {
        learn(deployment, deployment.getHosts(), false);
    }

    private void learn(DeploymentState deployment, Collection<String> hostIds, boolean failed) {
        boolean learned = false;
        for (String hostId : hostIds) {
            HostRiskState host = state.host(deployment.getDeploymentId(), hostId).orElse(null);
            if (host != null && !host.getLabelled()) {
                host.getRecentFeatures().forEach(features ->
                        model.learn(features.stream().mapToDouble(Double::doubleValue).toArray(), failed));
                learned |= !host.getRecentFeatures().isEmpty();
                host.setLabelled(true);
                state.put(host);
            }
        }
        if (learned) {
            state.checkpoint(model.checkpoint());
        }
    }
}
