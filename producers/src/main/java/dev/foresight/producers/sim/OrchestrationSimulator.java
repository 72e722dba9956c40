package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The orchestrated services of one environment: publishes their topology, starts them in dependency
 * order (each once all it calls is up, after a few seconds of its own startup), probes every one every
 * 5 s, and injects the faults of {@link ServiceFaults}: the root service's outage cascading to everything
 * that calls it, a flapping service, and a green version of the last service that fails.
 */
final class OrchestrationSimulator {

    static final long PROBE_PERIOD_MS = Duration.ofSeconds(5).toMillis();
    static final String BLUE_VERSION = "1.0.0";

    private final EventScheduler scheduler;
    private final SimRandom random;
    private final SimIds ids;
    private final OrchestratedServices topology;
    private final ServiceFaults faults;
    private final Map<String, Long> upAt = new HashMap<>();
    private final long startMs;

    OrchestrationSimulator(EventScheduler scheduler, SimRandom random, SimIds ids, OrchestratedServices topology,
                           ServiceFaults faults) {
        this.scheduler = scheduler;
        this.random = random;
        this.ids = ids;
        this.topology = topology;
        this.faults = faults;
        this.startMs = scheduler.now();
    }

    void start() {
        scheduler.at(startMs, (now, sink) -> topology.edits().forEach(edit ->
                sink.send(Topics.SERVICE_TOPOLOGY, key(edit), withTime(edit, now), now)));
        for (ServiceDefinition service : topology.services()) {
            long up = upAt(service);
            scheduler.every(up, PROBE_PERIOD_MS, (now, sink) -> probe(service, now, sink));
        }
        scheduler.every(startMs + faults.greenFrom().toMillis(), faults.cycle().toMillis(), this::startGreen);
    }

    /** A service starts once everything it calls is up, and takes 3–8 s to come up. */
    private long upAt(ServiceDefinition service) {
        Long known = upAt.get(service.getServiceId());
        if (known != null) {
            return known;
        }
        long dependenciesUp = service.getDependsOn().stream().mapToLong(d -> upAt(topology.service(d)))
                .max().orElse(startMs);
        long up = dependenciesUp + random.millisBetween(3_000, 8_000);
        upAt.put(service.getServiceId(), up);
        return up;
    }

    private void probe(ServiceDefinition service, long nowMs, EventSink sink) {
        boolean down = ownFault(service.getServiceId(), nowMs) || dependencyDown(service, nowMs);
        String slot = service.getServiceId().equals(topology.blueGreen()) ? "blue" : null;
        sink.send(Topics.HEALTH, service.getServiceId(), check(service.getServiceId(), nowMs, !down, slot,
                BLUE_VERSION), nowMs);
    }

    private void startGreen(long cycleStartMs, EventSink sink) {
        ServiceDefinition service = topology.blueGreenService();
        long cycle = (cycleStartMs - startMs) / faults.cycle().toMillis();
        String version = "2.0." + cycle;
        long failsAt = cycle % 2 == 0 ? cycleStartMs + faults.badGreenAfter().toMillis()
                : cycleStartMs + PROBE_PERIOD_MS;
        for (long t = cycleStartMs; t < failsAt + Duration.ofMinutes(1).toMillis(); t += PROBE_PERIOD_MS) {
            boolean healthy = t < failsAt;
            scheduler.at(t, (now, s) -> s.send(Topics.HEALTH, service.getServiceId(),
                    check(service.getServiceId(), now, healthy, "green", version), now));
        }
    }

    private boolean ownFault(String serviceId, long nowMs) {
        long inCycle = Math.floorMod(nowMs - startMs, faults.cycle().toMillis());
        if (serviceId.equals(topology.rootService().getServiceId())) {
            long from = faults.databaseOutage().toMillis();
            return inCycle >= from && inCycle < from + faults.outageLength().toMillis();
        }
        if (serviceId.equals(topology.flappingService().getServiceId())) {
            long since = inCycle - faults.flappingFrom().toMillis();
            long period = faults.flapDown().plus(faults.flapUp()).toMillis();
            return since >= 0 && since < period * faults.flaps() && since % period < faults.flapDown().toMillis();
        }
        return false;
    }

    /** Calls to a service that is down fail, transitively: the cascade the orchestrator must contain. */
    private boolean dependencyDown(ServiceDefinition service, long nowMs) {
        return service.getDependsOn().stream().map(topology::service)
                .anyMatch(d -> ownFault(d.getServiceId(), nowMs) || dependencyDown(d, nowMs));
    }

    private HealthCheckEvent check(String serviceId, long nowMs, boolean healthy, String slot, String version) {
        return HealthCheckEvent.newBuilder().setEventId(ids.nextEventId()).setServiceId(serviceId)
                .setInstanceId(serviceId + (slot == null ? "-1" : "-" + slot)).setVersion(version)
                .setTimestamp(Instant.ofEpochMilli(nowMs)).setHealthy(healthy)
                .setLatencyMs(healthy ? random.logNormal(40, 0.3) : random.logNormal(1500, 0.2))
                .setErrorRate(healthy ? random.between(0, 0.01) : random.between(0.3, 0.8))
                .setCpuUtilization(random.between(0.2, 0.6)).setMemoryUtilization(random.between(0.3, 0.7))
                .setEnvironment(topology.environment()).setSlot(slot)
                .setDependsOn(List.copyOf(topology.service(serviceId).getDependsOn()))
                .build();
    }

    private static ServiceTopologyEvent withTime(ServiceTopologyEvent edit, long nowMs) {
        return ServiceTopologyEvent.newBuilder(edit).setTimestamp(Instant.ofEpochMilli(nowMs)).build();
    }

    static String key(ServiceTopologyEvent edit) {
        return edit.getPayload() instanceof ServiceDefinition d ? edit.getEnvironment() + "/" + d.getServiceId()
                : edit.getEnvironment();
    }
}
