package dev.foresight.domain.deployment;

import java.time.Duration;

/**
 * When the allocator acts on a host's risk, and how strongly.
 *
 * @param throttleAt     risk at which deployment velocity on the host is throttled
 * @param boostAt        risk at which a saturated host's CPU and memory limits are raised
 * @param shiftAt        risk at which traffic is shifted away from the host
 * @param scaleAt        risk at which the services depending on this one are scaled up pre-emptively
 * @param margin         a level is left only once risk falls below its threshold minus this margin
 * @param minDwell       nor before the host has been in the level this long
 * @param saturation     CPU or memory utilisation (window mean) from which a host counts as saturated
 * @param boostFor       how long a boost lasts before it is reverted
 * @param throttleFactor multiplier on the host's deployment velocity while throttled
 * @param boostFactor    multiplier on the host's CPU and memory limits while boosted
 * @param trafficShare   share of its normal traffic a host keeps while traffic is shifted away
 * @param scaleFactor    multiplier on the replicas of each dependent service
 */
public record RiskAllocationSettings(double throttleAt, double boostAt, double shiftAt, double scaleAt, double margin,
                                     Duration minDwell, double saturation, Duration boostFor, double throttleFactor,
                                     double boostFactor, double trafficShare, double scaleFactor) {

    public RiskAllocationSettings {
        if (margin < 0 || margin >= Math.min(Math.min(throttleAt, boostAt), Math.min(shiftAt, scaleAt))) {
            throw new IllegalArgumentException("margin must be below every threshold: " + this);
        }
    }

    public static RiskAllocationSettings defaults() {
        return new RiskAllocationSettings(0.5, 0.6, 0.65, 0.7, 0.1, Duration.ofMinutes(2), 0.85,
                Duration.ofMinutes(5), 0.5, 1.5, 0.25, 1.5);
    }

    double threshold(RiskLevel level) {
        return switch (level) {
            case THROTTLE -> throttleAt;
            case BOOST -> boostAt;
            case SHIFT_TRAFFIC -> shiftAt;
            case SCALE_DEPENDENTS -> scaleAt;
        };
    }
}
