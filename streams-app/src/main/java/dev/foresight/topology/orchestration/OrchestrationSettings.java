package dev.foresight.topology.orchestration;

import dev.foresight.domain.orchestration.EnvironmentPolicy;
import java.time.Duration;

/**
 * @param planInterval how often (wall clock) changed topologies are re-planned; edits arriving together
 *                     give one plan, not one per service
 * @param dependencySilence a dependency not checked for this long (event time) counts as failing for
 *                     its dependents, whose failures then do not restart them or trip their breakers
 * @param earlyCheckHold how long (wall clock) a check of a service not yet in its environment's graph is
 *                     held for the service's definition: edits and checks reach the orchestrator from
 *                     different partitions, and while a backlog is caught up the checks can come first
 * @param defaultPolicy the policy of an environment that has not published its own settings
 */
public record OrchestrationSettings(Duration planInterval, Duration dependencySilence, Duration earlyCheckHold,
                                    EnvironmentPolicy defaultPolicy) {

    /**
     * Plans each second; a dependency silent for three 5 s probe periods is presumed failing; checks wait
     * 5 minutes for their service, far longer than partitions drift apart in a catch-up.
     */
    public static OrchestrationSettings defaults() {
        return withPolicy(EnvironmentPolicy.defaults());
    }

    /** The defaults, with another policy for environments that publish none. */
    public static OrchestrationSettings withPolicy(EnvironmentPolicy defaultPolicy) {
        return new OrchestrationSettings(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofMinutes(5),
                defaultPolicy);
    }
}
