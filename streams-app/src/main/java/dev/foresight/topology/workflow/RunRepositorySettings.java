package dev.foresight.topology.workflow;

import java.time.Duration;

/**
 * How much of the finished runs the repository keeps: both bounds apply, whichever is reached first.
 *
 * @param retention a run is deleted this long after it finished (event time, checked at every sweep)
 * @param maxRuns   at most this many runs per stream task (one partition of the workflow types); the
 *                  oldest go first, so a burst of runs cannot fill the disk before their retention ends
 */
public record RunRepositorySettings(Duration retention, int maxRuns) {

    public RunRepositorySettings {
        if (retention.isNegative() || retention.isZero() || maxRuns < 1) {
            throw new IllegalArgumentException("runs need a positive retention and maxRuns >= 1");
        }
    }

    public static RunRepositorySettings defaults() {
        return new RunRepositorySettings(Duration.ofDays(30), 20_000);
    }
}
