package dev.foresight.topology.orchestration;

import dev.foresight.domain.orchestration.EnvironmentPolicy;
import java.time.Duration;

/**
 * @param planInterval how often (wall clock) changed topologies are re-planned; edits arriving together
 *                     give one plan, not one per service
 * @param dependencySilence a dependency not checked for this long (event time) counts as failing for
 *                     its dependents, whose failures then do not restart them or trip their breakers
 * @param defaultPolicy the policy of an environment that has not published its own settings
 */
public record OrchestrationSettings(Duration planInterval, Duration dependencySilence, EnvironmentPolicy defaultPolicy) {

    /** Plans each second; a dependency silent for three 5 s probe periods is presumed failing. */
    public static OrchestrationSettings defaults() {
        return new OrchestrationSettings(Duration.ofSeconds(1), Duration.ofSeconds(15), EnvironmentPolicy.defaults());
    }
}
