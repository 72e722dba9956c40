package dev.foresight.domain.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * All the orchestrator remembers of one service between checks.
 *
 * @param lastFailed whether its latest serving check failed, which tells its dependents the fault is upstream
 * @param lastCheckAt event time of its latest serving check, null before the first
 * @param degradedBy the dependencies whose breakers are not closed; empty when not degraded
 * @param lastIncident event times of the first failed and the recovering check of its last ended
 *                     incident, both null before one ended
 */
public record ServiceStatus(boolean lastFailed, Instant lastCheckAt, List<String> degradedBy, RecoveryState recovery,
                            BreakerState breaker, BlueGreenState blueGreen, SlaWindows sla,
                            Instant lastIncidentFrom, Instant lastIncidentTo) {

    public ServiceStatus {
        degradedBy = List.copyOf(degradedBy);
    }

    public static ServiceStatus initial() {
        return new ServiceStatus(false, null, List.of(), RecoveryState.healthy(), BreakerState.closed(),
                BlueGreenState.initial(), SlaWindows.empty(), null, null);
    }

    public ServiceStatus withDegradedBy(List<String> causes) {
        return new ServiceStatus(lastFailed, lastCheckAt, causes, recovery, breaker, blueGreen, sla, lastIncidentFrom,
                lastIncidentTo);
    }

    /**
     * Whether a dependent checked at {@code at} must take this service for failing: its last check failed,
     * its breaker is not closed, it has not been heard of for {@code silence}, or {@code at} falls in its
     * last incident. Checks of different services reach the orchestrator through different partitions, so
     * a dependency's failure may arrive after the failures it caused, or its recovery before them.
     */
    public boolean failingForDependents(Instant at, Duration silence) {
        boolean inLastIncident = lastIncidentFrom != null && !at.isBefore(lastIncidentFrom)
                && at.isBefore(lastIncidentTo);
        return lastFailed || !breaker.isClosed() || lastCheckAt == null || lastCheckAt.isBefore(at.minus(silence))
                || inLastIncident;
    }
}
