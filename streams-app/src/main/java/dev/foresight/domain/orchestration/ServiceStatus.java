package dev.foresight.domain.orchestration;

import java.util.List;

/**
 * All the orchestrator remembers of one service between checks.
 *
 * @param lastFailed whether its latest serving check failed, which tells its dependents the fault is upstream
 * @param degradedBy the dependencies whose breakers are not closed; empty when not degraded
 */
public record ServiceStatus(boolean lastFailed, List<String> degradedBy, RecoveryState recovery,
                            BreakerState breaker, BlueGreenState blueGreen, SlaWindows sla) {

    public ServiceStatus {
        degradedBy = List.copyOf(degradedBy);
    }

    public static ServiceStatus initial() {
        return new ServiceStatus(false, List.of(), RecoveryState.healthy(), BreakerState.closed(),
                BlueGreenState.initial(), SlaWindows.empty());
    }

    public ServiceStatus withDegradedBy(List<String> causes) {
        return new ServiceStatus(lastFailed, causes, recovery, breaker, blueGreen, sla);
    }

    /** A service fails its dependents while its last check failed or its breaker is not closed. */
    public boolean failingForDependents() {
        return lastFailed || !breaker.isClosed();
    }
}
