package dev.foresight.evaluate.deployment;

import dev.foresight.producers.sim.DeploymentOutcome;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.common.ResourceKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the guardian's rollbacks did: how many deployments it rolled back (of failed and of healthy
 * ones), and how the failed attempts' resources were blended into the restored version.
 *
 * @param keptSomething rollbacks that kept at least one compatible resource instead of reverting all
 * @param verdictsByKind per resource kind, how many resources got each verdict
 */
public record RollbackTally(int failedRolledBack, int healthyRolledBack, int keptSomething, int kept,
                            int reverted, int conflicts, Map<ResourceKind, Map<BlendVerdict, Integer>> verdictsByKind) {

    public RollbackTally {
        verdictsByKind = Map.copyOf(verdictsByKind);
    }

    static RollbackTally of(List<DeploymentOutcome> outcomes, List<RollbackObservation> rollbacks) {
        Map<String, Boolean> failed = new HashMap<>();
        outcomes.forEach(outcome -> failed.put(outcome.deploymentId(), outcome.failed()));
        Map<String, RollbackObservation> firstPerDeployment = new HashMap<>();
        rollbacks.forEach(rollback -> firstPerDeployment.putIfAbsent(rollback.deploymentId(), rollback));
        int failedRolledBack = 0;
        int healthyRolledBack = 0;
        int keptSomething = 0;
        Map<ResourceKind, Map<BlendVerdict, Integer>> byKind = new EnumMap<>(ResourceKind.class);
        for (RollbackObservation rollback : firstPerDeployment.values()) {
            Boolean deploymentFailed = failed.get(rollback.deploymentId());
            if (deploymentFailed == null) {
                continue;
            }
            failedRolledBack += deploymentFailed ? 1 : 0;
            healthyRolledBack += deploymentFailed ? 0 : 1;
            keptSomething += rollback.count(BlendVerdict.KEEP) > 0 ? 1 : 0;
            rollback.blend().forEach(b -> byKind.computeIfAbsent(b.kind(), kind -> new EnumMap<>(BlendVerdict.class))
                    .merge(b.verdict(), 1, Integer::sum));
        }
        return new RollbackTally(failedRolledBack, healthyRolledBack, keptSomething, total(byKind, BlendVerdict.KEEP),
                total(byKind, BlendVerdict.REVERT), total(byKind, BlendVerdict.CONFLICT), byKind);
    }

    private static int total(Map<ResourceKind, Map<BlendVerdict, Integer>> byKind, BlendVerdict verdict) {
        return byKind.values().stream().mapToInt(verdicts -> verdicts.getOrDefault(verdict, 0)).sum();
    }
}
