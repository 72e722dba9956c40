package dev.foresight.producers.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Traffic ramps, the need pipeline synthesis prepares for: now and then a service's load climbs to
 * 1.9–2.4 × over 30–50 minutes, holds 15 and falls back over 20. Unlike the sudden bursts of the
 * telemetry simulator, a ramp can be seen coming.
 */
final class TrafficRamps {

    private static final long MEAN_INTERVAL_MS = Duration.ofHours(3).toMillis();
    private static final long HOLD_MS = Duration.ofMinutes(15).toMillis();
    private static final long DOWN_MS = Duration.ofMinutes(20).toMillis();

    /** One ramp of one service. */
    private record Ramp(long startMs, long upMs, double peak) {

        double multiplier(long nowMs) {
            long t = nowMs - startMs;
            if (t < 0 || t > upMs + HOLD_MS + DOWN_MS) {
                return 1;
            }
            if (t < upMs) {
                return 1 + (peak - 1) * t / upMs;
            }
            return t < upMs + HOLD_MS ? peak : peak - (peak - 1) * (t - upMs - HOLD_MS) / DOWN_MS;
        }
    }

    private final EventScheduler scheduler;
    private final SimRandom random;
    private final Map<String, Ramp> rampByService = new HashMap<>();

    TrafficRamps(EventScheduler scheduler, SimRandom random) {
        this.scheduler = scheduler;
        this.random = random;
    }

    void start(List<ServiceSpec> services) {
        services.forEach(service -> schedule(service.serviceId()));
    }

    private void schedule(String serviceId) {
        scheduler.after(random.exponentialMillis(MEAN_INTERVAL_MS), (now, sink) -> {
            long up = random.millisBetween(Duration.ofMinutes(30).toMillis(), Duration.ofMinutes(50).toMillis());
            rampByService.put(serviceId, new Ramp(now, up, random.between(1.9, 2.4)));
            scheduler.after(up + HOLD_MS + DOWN_MS, (end, out) -> schedule(serviceId));
        });
    }

    double multiplier(String serviceId, long nowMs) {
        Ramp ramp = rampByService.get(serviceId);
        return ramp == null ? 1 : ramp.multiplier(nowMs);
    }
}
