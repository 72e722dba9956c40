package dev.foresight.producers.sim;

/**
 * What the heartbeat simulator knows about the fleet's health that the request simulator needs:
 * requests sent while local inference is unhealthy mostly fail.
 */
final class FleetHealth {

    private long inferenceDownUntilMs = Long.MIN_VALUE;
    private long forgeDownUntilMs = Long.MIN_VALUE;

    boolean inferenceDown(long nowMs) {
        return nowMs < inferenceDownUntilMs;
    }

    boolean forgeDown(long nowMs) {
        return nowMs < forgeDownUntilMs;
    }

    void inferenceOutage(long untilMs) {
        inferenceDownUntilMs = Math.max(inferenceDownUntilMs, untilMs);
    }

    void forgeOutage(long untilMs) {
        forgeDownUntilMs = Math.max(forgeDownUntilMs, untilMs);
    }
}
