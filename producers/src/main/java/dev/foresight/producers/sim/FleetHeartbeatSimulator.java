package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;

/**
 * A heartbeat of the local fleet every minute: is the forge reachable, does local inference answer.
 * Now and then the forge goes away for a few minutes, and inference for longer.
 */
final class FleetHeartbeatSimulator {

    static final long PERIOD_MS = Duration.ofMinutes(1).toMillis();
    private static final double FORGE_OUTAGE_PER_TICK = 1.0 / (8 * 60);
    private static final double INFERENCE_OUTAGE_PER_TICK = 1.0 / (12 * 60);

    private final EventScheduler scheduler;
    private final FleetHealth health;
    private final SimRandom random;
    private final SimIds ids;

    FleetHeartbeatSimulator(EventScheduler scheduler, FleetHealth health, SimRandom random, SimIds ids) {
        this.scheduler = scheduler;
        this.health = health;
        this.random = random;
        this.ids = ids;
    }

    void start() {
        scheduler.every(scheduler.now(), PERIOD_MS, this::tick);
    }

    private void tick(long nowMs, EventSink sink) {
        if (random.chance(FORGE_OUTAGE_PER_TICK)) {
            health.forgeOutage(nowMs + random.intBetween(1, 6) * PERIOD_MS);
        }
        if (random.chance(INFERENCE_OUTAGE_PER_TICK)) {
            health.inferenceOutage(nowMs + random.intBetween(2, 15) * PERIOD_MS);
        }
        sink.send(Topics.FLEET_HEARTBEATS, FleetRequestSimulator.FLEET, FleetHeartbeatEvent.newBuilder()
                .setEventId(ids.nextEventId())
                .setFleetId(FleetRequestSimulator.FLEET)
                .setTimestamp(Instant.ofEpochMilli(nowMs))
                .setForgeAvailable(!health.forgeDown(nowMs))
                .setInferenceHealthy(!health.inferenceDown(nowMs))
                .build(), nowMs);
    }
}
