package dev.foresight.topology.orchestration;

import dev.foresight.domain.orchestration.EnvironmentPolicy;
import java.time.Duration;

/**
 * @param planInterval how often (wall clock) changed topologies are re-planned; edits arriving together
 *                     give one plan, not one per service
 * @param defaultPolicy the policy of an environment that has not published its own settings
 */
public record OrchestrationSettings(Duration planInterval, EnvironmentPolicy defaultPolicy) {

    public static OrchestrationSettings defaults() {
        return new OrchestrationSettings(Duration.ofSeconds(1), EnvironmentPolicy.defaults());
    }
}
