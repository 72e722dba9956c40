package dev.foresight.evaluate.deployment;

import java.util.List;

/**
 * What a replay has learned about the project's recent outcomes: known before the next build under the
 * online protocol (each build's result is learned before the next one is predicted).
 */
final class BuildHistory {

    static final List<String> FEATURE_NAMES = List.of("last_seen_failed", "failure_streak_log", "recent_failure_ewma");
    /** Weight of the newest outcome in the moving failure rate: about the last five builds. */
    private static final double EWMA_ALPHA = 0.3;

    private boolean lastFailed;
    private int streak;
    private double recentFailureRate;

    double[] features() {
        return new double[] {lastFailed ? 1 : 0, Math.log1p(streak), recentFailureRate};
    }

    void add(boolean failed) {
        lastFailed = failed;
        streak = failed ? streak + 1 : 0;
        recentFailureRate = (1 - EWMA_ALPHA) * recentFailureRate + EWMA_ALPHA * (failed ? 1 : 0);
    }

    boolean lastFailed() {
        return lastFailed;
    }
}
