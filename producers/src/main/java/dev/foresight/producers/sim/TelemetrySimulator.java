package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Host agents: one sample per host every 10 simulated seconds. Load follows the day, with noise and
 * occasional service-wide bursts; slow hosts run hotter; hosts of a deployment that is about to fail
 * show rising error rate, latency and memory.
 */
final class TelemetrySimulator {

    static final long SAMPLE_PERIOD_MS = Duration.ofSeconds(10).toMillis();
    private static final long MEAN_BURST_INTERVAL_MS = Duration.ofHours(4).toMillis();
    /** A host saturates at this multiple of its average load. */
    private static final double CAPACITY_HEADROOM = 2.2;
    private static final double MBPS_PER_REQUEST = 0.16;

    /** A traffic burst on a service: load times {@code multiplier} until {@code endMs}. */
    private record Burst(long endMs, double multiplier) {
    }

    private final EventScheduler scheduler;
    private final FleetState fleet;
    private final SimRandom random;
    private final SimIds ids;
    private final Map<String, Burst> burstByService = new HashMap<>();
    private TrafficRamps ramps;

    TelemetrySimulator(EventScheduler scheduler, FleetState fleet, SimRandom random, SimIds ids) {
        this.scheduler = scheduler;
        this.fleet = fleet;
        this.random = random;
        this.ids = ids;
    }

    /** Also follows these ramps. */
    void withRamps(TrafficRamps trafficRamps) {
        this.ramps = trafficRamps;
    }

    void start() {
        // agents are not synchronised: spread over the sampling period
        scheduler.everyStaggered(fleet.layout().allHosts(), SAMPLE_PERIOD_MS, this::sample);
        fleet.layout().services().forEach(service -> scheduleBurst(service.serviceId()));
    }

    private void scheduleBurst(String serviceId) {
        scheduler.after(random.exponentialMillis(MEAN_BURST_INTERVAL_MS), (now, sink) -> {
            long length = random.millisBetween(Duration.ofMinutes(3).toMillis(), Duration.ofMinutes(15).toMillis());
            burstByService.put(serviceId, new Burst(now + length, random.between(1.5, 3)));
            scheduleBurst(serviceId);
        });
    }

    private void sample(String hostId, long nowMs, EventSink sink) {
        ServiceSpec service = fleet.layout().serviceOf(hostId);
        double slow = fleet.layout().slowFactor(hostId);
        double warning = fleet.warningIntensity(hostId, nowMs);
        double requestRate = service.requestRatePerHost() * DailyLoad.factor(nowMs)
                * burstMultiplier(service.serviceId(), nowMs) * rampMultiplier(service.serviceId(), nowMs) * Math.max(0.5, 1 + 0.05 * random.gaussian());
        double load = requestRate / (service.requestRatePerHost() * CAPACITY_HEADROOM);
        double cpu = SimRandom.clamp(0.04 + 0.85 * load * slow + 0.03 * random.gaussian() + 0.1 * warning, 0, 1);
        double memory = SimRandom.clamp(
                0.35 + 0.2 * load + 0.1 * (slow - 1) + 0.02 * random.gaussian() + 0.4 * warning, 0, 1);
        double latency = service.baseLatencyMs() * slow * (1 + 4 * Math.pow(cpu, 4))
                * random.logNormal(1, 0.08) * (1 + 2.5 * warning);
        double errorRate = SimRandom.clamp(random.logNormal(0.002, 0.5) + 0.4 * Math.max(0, cpu - 0.9)
                + 0.25 * warning, 0, 1);
        sink.send(Topics.TELEMETRY, hostId, TelemetryEvent.newBuilder()
                .setEventId(ids.nextEventId())
                .setHostId(hostId)
                .setServiceId(service.serviceId())
                .setTimestamp(Instant.ofEpochMilli(nowMs))
                .setCpuUtilization(cpu)
                .setMemoryUtilization(memory)
                .setNetworkMbps(requestRate * MBPS_PER_REQUEST * random.logNormal(1, 0.05))
                .setLatencyMs(latency)
                .setRequestRate(requestRate)
                .setErrorRate(errorRate)
                .setKpis(Map.of(
                        "activeConnections", requestRate * latency / 1000,
                        "gcPauseMs", 5 + 60 * Math.pow(memory, 3),
                        "queueDepth", Math.max(0, (cpu - 0.8) * 100)))
                .setDeploymentId(fleet.deploymentOn(hostId))
                .build(), nowMs);
    }

    private double rampMultiplier(String serviceId, long nowMs) {
        return ramps == null ? 1 : ramps.multiplier(serviceId, nowMs);
    }

    private double burstMultiplier(String serviceId, long nowMs) {
        Burst burst = burstByService.get(serviceId);
        return burst != null && nowMs < burst.endMs() ? burst.multiplier() : 1;
    }
}
