package dev.foresight.topology.signals;

import dev.foresight.domain.signals.DetectorSettings;
import dev.foresight.predict.forecast.ForecastSettings;
import java.time.Duration;

/**
 * Resolutions and retention of the series store, lateness, and the detector's alert hysteresis.
 *
 * <p>Defaults: 1-minute buckets kept 3 days (4 320 points: enough for the detector's baseline and for
 * looking at an incident in detail, the size of a NAB file) and 1-hour buckets kept 35 days (840
 * points: five weekly cycles for forecasts and capacity trends). The detector ({@link DetectorSettings#live()})
 * scores each closed minute.
 *
 * @param grace how far behind the newest point of its own source (host, pipeline) a point may arrive and
 *              still count, and how long after a minute ends its series waits (by its own newest point)
 *              before scoring it
 * @param skew  how long the buckets stay open: telemetry, pipeline and deployment events meet in one
 *              repartition and reach a task hours apart while a backlog is read, so a task's stream time
 *              says nothing about one series; what is older than that is dead-lettered, never dropped
 * @param forecastStep the step of the forecasts (5 minutes: scored minutes are gathered into it)
 * @param forecast     the forecaster ({@link ForecastSettings#live()}: an hour ahead, a day's season)
 */
public record SignalsSettings(Duration fineStep, Duration fineRetention, Duration coarseStep,
                              Duration coarseRetention, Duration grace, Duration skew, DetectorSettings detector,
                              double clearBelow, int clearAfter, Duration forecastStep, ForecastSettings forecast) {

    public static SignalsSettings defaults() {
        return new SignalsSettings(Duration.ofMinutes(1), Duration.ofDays(3), Duration.ofHours(1), Duration.ofDays(35),
                Duration.ofMinutes(10), Duration.ofDays(1), DetectorSettings.live(), 0.3, 30, Duration.ofMinutes(5),
                ForecastSettings.live());
    }
}
