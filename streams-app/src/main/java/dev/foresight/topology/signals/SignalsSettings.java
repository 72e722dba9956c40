package dev.foresight.topology.signals;

import dev.foresight.domain.signals.DetectorSettings;
import java.time.Duration;

/**
 * Resolutions and retention of the series store, and the detector's alert hysteresis.
 *
 * <p>Defaults: 1-minute buckets kept 3 days (4 320 points: enough for the detector's baseline and for
 * looking at an incident in detail, the size of a NAB file) and 1-hour buckets kept 35 days (840
 * points: five weekly cycles for forecasts and capacity trends). The detector ({@link DetectorSettings#live()})
 * scores each closed minute. Grace 10 minutes, as the telemetry service windows: telemetry, pipeline and
 * deployment events meet in one repartition and reach it unevenly, most while a backlog is read; a
 * minute is scored once its grace has passed.
 */
public record SignalsSettings(Duration fineStep, Duration fineRetention, Duration coarseStep,
                              Duration coarseRetention, Duration grace, DetectorSettings detector,
                              double clearBelow, int clearAfter) {

    public static SignalsSettings defaults() {
        return new SignalsSettings(Duration.ofMinutes(1), Duration.ofDays(3), Duration.ofHours(1), Duration.ofDays(35),
                Duration.ofMinutes(10), DetectorSettings.live(), 0.3, 30);
    }
}
