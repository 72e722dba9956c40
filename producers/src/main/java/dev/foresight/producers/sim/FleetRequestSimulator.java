package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Inference requests of one local fleet from a few callers: interactive ones follow the working day,
 * a batch caller sends long prompts at night, and every few hours one caller surges to several times
 * its rate for half an hour or so. While inference is down most requests fail.
 */
final class FleetRequestSimulator {

    static final String FLEET = "fleet-local";
    static final Duration MEAN_TIME_BETWEEN_SURGES = Duration.ofHours(5);

    /** A caller's base rate (requests per hour at the daily mean), prompt size, and whether it runs at night. */
    record Caller(String name, double perHour, double medianTokens, boolean nightly) {
    }

    static final List<Caller> CALLERS = List.of(
            new Caller("chat-agent", 240, 600, false),
            new Caller("code-review", 90, 1_800, false),
            new Caller("triage-bot", 60, 300, false),
            new Caller("nightly-batch", 40, 6_000, true));

    private final EventScheduler scheduler;
    private final FleetHealth health;
    private final SimRandom random;
    private final SimIds ids;
    private String surgingCaller;
    private double surgeFactor = 1;
    private long surgeEndsMs = Long.MIN_VALUE;

    FleetRequestSimulator(EventScheduler scheduler, FleetHealth health, SimRandom random, SimIds ids) {
        this.scheduler = scheduler;
        this.health = health;
        this.random = random;
        this.ids = ids;
    }

    void start() {
        CALLERS.forEach(caller -> scheduler.after(nextGap(caller, scheduler.now()), (now, sink) -> request(caller, now, sink)));
        scheduler.after(random.exponentialMillis(MEAN_TIME_BETWEEN_SURGES.toMillis()), this::surge);
    }

    private void surge(long nowMs, EventSink sink) {
        surgingCaller = random.pick(CALLERS).name();
        surgeFactor = random.between(2.5, 6);
        surgeEndsMs = nowMs + random.millisBetween(Duration.ofMinutes(20).toMillis(), Duration.ofMinutes(70).toMillis());
        scheduler.after(random.exponentialMillis(MEAN_TIME_BETWEEN_SURGES.toMillis()), this::surge);
    }

    /** Arrivals of a Poisson process whose rate is re-read at every arrival. */
    private long nextGap(Caller caller, long nowMs) {
        double perHour = caller.perHour() * shape(caller, nowMs)
                * (caller.name().equals(surgingCaller) && nowMs < surgeEndsMs ? surgeFactor : 1);
        return random.exponentialMillis(Math.round(3_600_000 / Math.max(perHour, 0.5)));
    }

    private static double shape(Caller caller, long nowMs) {
        double day = DailyLoad.factor(nowMs);
        return caller.nightly() ? Math.max(0.1, 2 - day) : day;
    }

    private void request(Caller caller, long nowMs, EventSink sink) {
        boolean down = health.inferenceDown(nowMs);
        long prompt = Math.round(random.logNormal(caller.medianTokens(), 0.5));
        long completion = Math.round(random.logNormal(caller.medianTokens() / 4, 0.6));
        boolean failed = down ? random.chance(0.8) : random.chance(caller.name().equals("triage-bot") ? 0.06 : 0.01);
        sink.send(Topics.FLEET_REQUESTS, FLEET, RequestMetricEvent.newBuilder()
                .setEventId(ids.nextEventId())
                .setFleetId(FLEET)
                .setCaller(caller.name())
                .setModel(caller.nightly() ? "local-large" : "local-small")
                .setTimestamp(Instant.ofEpochMilli(nowMs))
                .setPromptTokens(prompt)
                .setCompletionTokens(failed ? 0 : completion)
                .setLatencyMs(random.logNormal(40, 0.3) * (prompt + completion) / 100.0 * (down ? 3 : 1))
                .setSuccess(!failed)
                .build(), nowMs);
        scheduler.after(nextGap(caller, nowMs), (now, next) -> request(caller, now, next));
    }
}
