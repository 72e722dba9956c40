package dev.foresight.producers.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ground truth of one finished deployment, for scoring predictors: did it fail, on which host, and when
 * did its hosts start showing warning signs (none for silent failures and successes).
 *
 * @param failedHostId        the host whose verification failed, null if the deployment succeeded
 * @param warningStartByHost  hosts that showed warning signs, and from when
 */
public record DeploymentOutcome(String deploymentId, String serviceId, String fromVersion, String toVersion,
                                List<String> hosts, Instant startedAt, Instant endedAt, boolean failed,
                                String failedHostId, String reason, Map<String, Instant> warningStartByHost) {

    public DeploymentOutcome {
        hosts = List.copyOf(hosts);
        warningStartByHost = Map.copyOf(warningStartByHost);
    }

    public boolean hadWarningSigns() {
        return !warningStartByHost.isEmpty();
    }

    /** When the first host started showing warning signs. */
    public Optional<Instant> warningStartedAt() {
        return warningStartByHost.values().stream().min(Instant::compareTo);
    }
}
