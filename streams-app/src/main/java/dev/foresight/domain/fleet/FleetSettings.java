package dev.foresight.domain.fleet;

import dev.foresight.predict.demand.SeasonalSettings;
import java.time.Duration;

/**
 * Every tunable of the fleet demand posture.
 *
 * @param recentWindow      the window whose request rate is compared, ending at the report time
 * @param baselineWindow    the window right before it that the recent rate is compared against
 * @param advance           how often a report is made (the windows hop by this much)
 * @param bucket            resolution of the stored counts; windows are whole buckets
 * @param grace             how long after a report time events may still arrive and count in its windows
 * @param horizon           how far ahead the forecast looks
 * @param hysteresis        when a level may fall again
 * @param heavyBatchShare   a caller with at least this share of the fleet's tokens is heavy batch work
 * @param highFailureRate   a caller failing at least this share of its requests is investigated
 * @param minCallerRequests callers with fewer recent requests are listed but never flagged
 * @param topCallers        how many callers a report lists
 * @param minBaselineRate   requests per hour the baseline is floored at, so an idle baseline gives a
 *                          finite surge factor
 * @param maxCatchUpReports after a gap in the input, at most this many missed reports are made; older
 *                          report times are skipped
 */
public record FleetSettings(Duration recentWindow, Duration baselineWindow, Duration advance, Duration bucket,
                            Duration grace, Duration horizon, LevelHysteresis hysteresis, double heavyBatchShare,
                            double highFailureRate, int minCallerRequests, int topCallers, double minBaselineRate,
                            int maxCatchUpReports) {

    public FleetSettings {
        if (recentWindow.toMillis() % bucket.toMillis() != 0 || baselineWindow.toMillis() % bucket.toMillis() != 0
                || advance.toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException("windows and advance must be whole multiples of the bucket");
        }
    }

    public static FleetSettings defaults() {
        return new FleetSettings(Duration.ofHours(1), Duration.ofHours(3), Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofHours(6), LevelHysteresis.defaults(), 0.4, 0.2, 5, 5, 1.0, 12);
    }

    public FleetSettings withHorizon(Duration newHorizon) {
        return new FleetSettings(recentWindow, baselineWindow, advance, bucket, grace, newHorizon, hysteresis,
                heavyBatchShare, highFailureRate, minCallerRequests, topCallers, minBaselineRate, maxCatchUpReports);
    }

    public FleetSettings withWindows(Duration recent, Duration baseline, Duration newAdvance, Duration newBucket) {
        return new FleetSettings(recent, baseline, newAdvance, newBucket, grace, horizon, hysteresis,
                heavyBatchShare, highFailureRate, minCallerRequests, topCallers, minBaselineRate, maxCatchUpReports);
    }

    public FleetSettings withGrace(Duration newGrace) {
        return new FleetSettings(recentWindow, baselineWindow, advance, bucket, newGrace, horizon, hysteresis,
                heavyBatchShare, highFailureRate, minCallerRequests, topCallers, minBaselineRate, maxCatchUpReports);
    }

    public FleetSettings withHysteresis(LevelHysteresis newHysteresis) {
        return new FleetSettings(recentWindow, baselineWindow, advance, bucket, grace, horizon, newHysteresis,
                heavyBatchShare, highFailureRate, minCallerRequests, topCallers, minBaselineRate, maxCatchUpReports);
    }

    /** The forecaster observes the rate of every report step. */
    public SeasonalSettings forecasting() {
        return SeasonalSettings.of(advance, horizon);
    }

    /** How long buckets must be kept for the windows of the latest report plus late arrivals. */
    public Duration retention() {
        return recentWindow.plus(baselineWindow).plus(advance).plus(grace).multipliedBy(2);
    }
}
