package dev.foresight.evaluate.deployment;

import dev.foresight.producers.sim.DeploymentOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the guardian's rollbacks did: how many deployments it rolled back (of failed and of healthy
 * ones), and how the failed attempts' resources were blended into the restored version.
 *
 * @param keptSomething rollbacks that kept at least one compatible resource instead of reverting all
 */
public record RollbackTally(int failedRolledBack, int healthyRolledBack, int keptSomething, int kept,
                            int reverted, int conflicts) {

    static RollbackTally of(List<DeploymentOutcome> outcomes, List<RollbackObservation> rollbacks) {
        Map<String, Boolean> failed = new HashMap<>();
        outcomes.forEach(outcome -> failed.put(outcome.deploymentId(), outcome.failed()));
        Map<String, RollbackObservation> firstPerDeployment = new HashMap<>();
        rollbacks.forEach(rollback -> firstPerDeployment.putIfAbsent(rollback.deploymentId(), rollback));
        int failedRolledBack = 0;
        int healthyRolledBack = 0;
        int keptSomething = 0;
        int kept = 0;
        int reverted = 0;
        int conflicts = 0;
        for (RollbackObservation rollback : firstPerDeployment.values()) {
            Boolean deploymentFailed = failed.get(rollback.deploymentId());
            if (deploymentFailed == null) {
                continue;
            }
            failedRolledBack += deploymentFailed ? 1 : 0;
            healthyRolledBack += deploymentFailed ? 0 : 1;
            keptSomething += rollback.kept() > 0 ? 1 : 0;
            kept += rollback.kept();
            reverted += rollback.reverted();
            conflicts += rollback.conflicts();
        }
        return new RollbackTally(failedRolledBack, healthyRolledBack, keptSomething, kept, reverted, conflicts);
    }
}
