package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Probes every service instance every 30 s. Instances go through occasional unhealthy streaks; an
 * unhealthy dependency slows its callers and sometimes fails their probes; a host showing deployment
 * warning signs starts failing probes as it gets worse.
 */
final class HealthCheckSimulator {

    static final long PROBE_PERIOD_MS = Duration.ofSeconds(30).toMillis();
    private static final double STREAK_START_PROBABILITY = 0.0005;

    private final EventScheduler scheduler;
    private final FleetState fleet;
    private final SimRandom random;
    private final SimIds ids;
    /** Probes left in the current unhealthy streak, per host. */
    private final Map<String, Integer> streakByHost = new HashMap<>();

    HealthCheckSimulator(EventScheduler scheduler, FleetState fleet, SimRandom random, SimIds ids) {
        this.scheduler = scheduler;
        this.fleet = fleet;
        this.random = random;
        this.ids = ids;
    }

    void start() {
        scheduler.everyStaggered(fleet.layout().allHosts(), PROBE_PERIOD_MS, this::probe);
    }

    private void probe(String hostId, long nowMs, EventSink sink) {
        ServiceSpec service = fleet.layout().serviceOf(hostId);
        boolean inStreak = advanceStreak(hostId);
        boolean dependencyDown = service.dependsOn().stream().anyMatch(this::anyInstanceInStreak);
        double warning = fleet.warningIntensity(hostId, nowMs);
        boolean healthy = !inStreak && !(dependencyDown && random.chance(0.15)) && !random.chance(warning * warning);
        double latency = random.logNormal(6, 0.3) * fleet.layout().slowFactor(hostId)
                * (dependencyDown ? 1.5 : 1) * (healthy ? 1 : 8);
        sink.send(Topics.HEALTH, service.serviceId(), HealthCheckEvent.newBuilder()
                .setEventId(ids.nextEventId())
                .setServiceId(service.serviceId())
                .setInstanceId(hostId)
                .setVersion(fleet.hostVersion(hostId))
                .setTimestamp(Instant.ofEpochMilli(nowMs))
                .setHealthy(healthy)
                .setLatencyMs(latency)
                .setDependsOn(service.dependsOn())
                .build(), nowMs);
    }

    private boolean advanceStreak(String hostId) {
        int left = streakByHost.getOrDefault(hostId, 0);
        if (left == 0 && random.chance(STREAK_START_PROBABILITY)) {
            left = random.intBetween(2, 8);
        }
        streakByHost.put(hostId, Math.max(0, left - 1));
        return left > 0;
    }

    private boolean anyInstanceInStreak(String serviceId) {
        return fleet.layout().service(serviceId).hostIds().stream()
                .anyMatch(host -> streakByHost.getOrDefault(host, 0) > 0);
    }
}
