package dev.foresight.evaluate.deployment;

import dev.foresight.producers.sim.DeploymentOutcome;
import dev.foresight.schema.commands.AllocationAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the guardian did to one population of deployments before each of them ended: how many it
 * throttled, boosted, shifted traffic from or scaled dependents for, and how many it aborted (a
 * rollback ordered before the end: before the failure, or of a deployment that would have succeeded).
 *
 * @param acted      per allocation action, deployments that got at least one such command before the end
 * @param abortLeads for each aborted failure: abort → failure
 */
public record ActionTally(String population, int deployments, Map<AllocationAction, Integer> acted, int aborted,
                          List<Duration> abortLeads) {

    public ActionTally {
        acted = Map.copyOf(acted);
        abortLeads = abortLeads.stream().sorted().toList();
    }

    /** Failed with warning signs, failed silently, healthy. */
    static List<ActionTally> of(List<DeploymentOutcome> outcomes, List<AllocationObservation> allocations,
                                List<RollbackObservation> rollbacks) {
        Map<String, List<AllocationObservation>> allocationsOf = new HashMap<>();
        allocations.forEach(a -> allocationsOf.computeIfAbsent(a.deploymentId(), id -> new ArrayList<>()).add(a));
        Map<String, RollbackObservation> rollbackOf = new HashMap<>();
        rollbacks.forEach(r -> rollbackOf.putIfAbsent(r.deploymentId(), r));
        return List.of(
                tally("failed, with warning signs", outcomes, o -> o.failed() && o.hadWarningSigns(), allocationsOf,
                        rollbackOf),
                tally("failed silently", outcomes, o -> o.failed() && !o.hadWarningSigns(), allocationsOf, rollbackOf),
                tally("healthy", outcomes, o -> !o.failed(), allocationsOf, rollbackOf));
    }

    private static ActionTally tally(String population, List<DeploymentOutcome> outcomes,
                                     Predicate<DeploymentOutcome> member,
                                     Map<String, List<AllocationObservation>> allocationsOf,
                                     Map<String, RollbackObservation> rollbackOf) {
        Map<AllocationAction, Integer> acted = new EnumMap<>(AllocationAction.class);
        int deployments = 0;
        int aborted = 0;
        List<Duration> abortLeads = new ArrayList<>();
        for (DeploymentOutcome outcome : outcomes.stream().filter(member).toList()) {
            deployments++;
            Set<AllocationAction> actions = EnumSet.noneOf(AllocationAction.class);
            allocationsOf.getOrDefault(outcome.deploymentId(), List.of()).stream()
                    .filter(a -> a.at().isBefore(outcome.endedAt()) && a.action() != AllocationAction.REVERT)
                    .forEach(a -> actions.add(a.action()));
            actions.forEach(action -> acted.merge(action, 1, Integer::sum));
            RollbackObservation rollback = rollbackOf.get(outcome.deploymentId());
            if (rollback != null && rollback.at().isBefore(outcome.endedAt())) {
                aborted++;
                if (outcome.failed()) {
                    abortLeads.add(Duration.between(rollback.at(), outcome.endedAt()));
                }
            }
        }
        return new ActionTally(population, deployments, acted, aborted, abortLeads);
    }
}
