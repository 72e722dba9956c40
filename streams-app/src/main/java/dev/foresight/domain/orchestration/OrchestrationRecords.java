package dev.foresight.domain.orchestration;

import dev.foresight.schema.events.EnvironmentDefinition;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.state.BlueGreenPhase;
import dev.foresight.schema.state.BlueGreenRecord;
import dev.foresight.schema.state.BreakerPhase;
import dev.foresight.schema.state.BreakerRecord;
import dev.foresight.schema.state.OrchestratedService;
import dev.foresight.schema.state.RecoveryRecord;
import dev.foresight.schema.state.SlaBucket;
import dev.foresight.schema.state.SlaRecord;
import java.time.Duration;
import java.util.List;

/** Between the Avro contracts and the domain's records. */
public final class OrchestrationRecords {

    private OrchestrationRecords() {
    }

    public static ServiceNode node(ServiceDefinition d) {
        return new ServiceNode(d.getServiceId(), d.getPort(), d.getDependsOn(), d.getHealthEndpoint());
    }

    public static EnvironmentPolicy policy(EnvironmentDefinition d, EnvironmentPolicy defaults) {
        return defaults.withSlaTarget(d.getSlaTarget())
                .withWeights(defaults.weights().with(d.getHealthWeights()))
                .withBackoff(Duration.ofMillis(d.getRestartBaseDelayMs()), Duration.ofMillis(d.getRestartMaxDelayMs()),
                        d.getRestartMaxAttempts())
                .withBreaker(d.getBreakerFailureRate(), Duration.ofMillis(d.getBreakerOpenMs()))
                .withBlueGreen(d.getGreenHealthyChecks(), Duration.ofMillis(d.getRevertWindowMs()));
    }

    public static HealthCheck check(HealthCheckEvent e) {
        return new HealthCheck(e.getServiceId(), e.getInstanceId(), e.getVersion(), e.getSlot(), e.getTimestamp(),
                new HealthInputs(e.getHealthy(), e.getLatencyMs(), e.getErrorRate(), e.getCpuUtilization(),
                        e.getMemoryUtilization()));
    }

    public static ServiceStatus status(OrchestratedService r) {
        RecoveryRecord rec = r.getRecovery();
        BreakerRecord br = r.getBreaker();
        BlueGreenRecord bg = r.getBlueGreen();
        return new ServiceStatus(r.getLastFailed(), r.getLastCheckAt(), r.getDegradedBy(),
                new RecoveryState(rec.getConsecutiveFailures(), rec.getConsecutiveSuccesses(), rec.getAttempt(),
                        rec.getEscalated(), rec.getFailingSince(), rec.getHealthySince(), rec.getNextRestartAt()),
                new BreakerState(BreakerState.Phase.valueOf(br.getPhase().name()), br.getOutcomes(), br.getOpenedAt(),
                        br.getProbeSuccesses()),
                new BlueGreenState(BlueGreenState.Phase.valueOf(bg.getPhase().name()), bg.getActiveSlot(),
                        bg.getActiveVersion(), bg.getStandbyVersion(), bg.getCandidateVersion(),
                        bg.getRejectedVersion(), bg.getHealthyChecks(), bg.getSwitchedAt()),
                new SlaWindows(buckets(r.getSla().getMinutes()), buckets(r.getSla().getHours())),
                r.getLastIncidentFrom(), r.getLastIncidentTo());
    }

    public static OrchestratedService record(String environment, String serviceId, ServiceStatus s) {
        RecoveryState rec = s.recovery();
        BreakerState br = s.breaker();
        BlueGreenState bg = s.blueGreen();
        return OrchestratedService.newBuilder().setEnvironment(environment).setServiceId(serviceId)
                .setLastFailed(s.lastFailed()).setLastCheckAt(s.lastCheckAt()).setDegradedBy(s.degradedBy())
                .setLastIncidentFrom(s.lastIncidentFrom()).setLastIncidentTo(s.lastIncidentTo())
                .setRecovery(new RecoveryRecord(rec.consecutiveFailures(), rec.consecutiveSuccesses(), rec.attempt(),
                        rec.escalated(), rec.failingSince(), rec.healthySince(), rec.nextRestartAt()))
                .setBreaker(new BreakerRecord(BreakerPhase.valueOf(br.phase().name()), br.outcomes(), br.openedAt(),
                        br.probeSuccesses()))
                .setBlueGreen(new BlueGreenRecord(BlueGreenPhase.valueOf(bg.phase().name()), bg.activeSlot(),
                        bg.activeVersion(), bg.standbyVersion(), bg.candidateVersion(), bg.rejectedVersion(),
                        bg.healthyChecks(), bg.switchedAt()))
                .setSla(new SlaRecord(records(s.sla().minutes()), records(s.sla().hours())))
                .build();
    }

    private static List<SlaWindows.Bucket> buckets(List<SlaBucket> records) {
        return records.stream().map(b -> new SlaWindows.Bucket(b.getStartMs(), b.getUp(), b.getTotal())).toList();
    }

    private static List<SlaBucket> records(List<SlaWindows.Bucket> buckets) {
        return buckets.stream().map(b -> new SlaBucket(b.startMs(), b.up(), b.total())).toList();
    }
}
