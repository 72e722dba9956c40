package dev.foresight.domain.fleet;

import dev.foresight.schema.commands.DemandLevel;

/** The seed's table: a surge factor above 3.0 is critical, above 1.5 elevated, above 1.0 normal, else low. */
public final class DemandLevels {

    public static final double NORMAL_ABOVE = 1.0;
    public static final double ELEVATED_ABOVE = 1.5;
    public static final double CRITICAL_ABOVE = 3.0;

    private DemandLevels() {
    }

    public static DemandLevel of(double surgeFactor) {
        if (surgeFactor > CRITICAL_ABOVE) {
            return DemandLevel.CRITICAL;
        }
        if (surgeFactor > ELEVATED_ABOVE) {
            return DemandLevel.ELEVATED;
        }
        return surgeFactor > NORMAL_ABOVE ? DemandLevel.NORMAL : DemandLevel.LOW;
    }

    /** The surge factor a level starts above; LOW starts anywhere. */
    public static double threshold(DemandLevel level) {
        return switch (level) {
            case LOW -> Double.NEGATIVE_INFINITY;
            case NORMAL -> NORMAL_ABOVE;
            case ELEVATED -> ELEVATED_ABOVE;
            case CRITICAL -> CRITICAL_ABOVE;
        };
    }
}
