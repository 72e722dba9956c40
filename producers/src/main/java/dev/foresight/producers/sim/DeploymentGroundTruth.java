package dev.foresight.producers.sim;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Outcomes of the deployments that have finished so far; readable while the simulation runs. */
public final class DeploymentGroundTruth {

    private final List<DeploymentOutcome> outcomes = new CopyOnWriteArrayList<>();

    void record(DeploymentOutcome outcome) {
        outcomes.add(outcome);
    }

    /** In the order the deployments finished. */
    public List<DeploymentOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<DeploymentOutcome> failures() {
        return outcomes.stream().filter(DeploymentOutcome::failed).toList();
    }

    public Optional<DeploymentOutcome> find(String deploymentId) {
        return outcomes.stream().filter(outcome -> outcome.deploymentId().equals(deploymentId)).findFirst();
    }
}
