package dev.foresight.domain.fleet;

import dev.foresight.predict.demand.RateForecast;
import dev.foresight.schema.commands.CallerDemand;
import dev.foresight.schema.commands.DemandLevel;
import dev.foresight.schema.commands.DispatchPosture;
import dev.foresight.schema.commands.ResourceMode;
import java.util.List;

/**
 * What one report time concludes for a fleet, before it is written as a report and commands.
 *
 * @param rawLevel   the level of the surge factor alone
 * @param held       the level after hysteresis, which the report publishes
 * @param heavyBatch callers whose token share makes them heavy batch work
 * @param failing    callers failing at a high rate
 */
public record DemandAssessment(String fleetId, long windowEnd, double recentRate, double baselineRate,
                               double surgeFactor, RateForecast forecast, DemandLevel rawLevel,
                               LevelHysteresis.Held held, ResourceMode resourceMode, DispatchPosture dispatchPosture,
                               int forgeOutages, int inferenceFailures, List<CallerDemand> topCallers,
                               List<CallerDemand> heavyBatch, List<CallerDemand> failing) {

    /** The seed's signal: inference failures at or above this put the fleet in surge mode. */
    public static final int INFERENCE_FAILURES_FOR_SURGE = 2;
    /** The seed's signal: forge outages at or above this degrade dispatch. */
    public static final int FORGE_OUTAGES_FOR_DEGRADED = 1;

    /** Surge demand, as opposed to surge mode that unreliable inference alone can cause. */
    public boolean surging() {
        return held.level().compareTo(DemandLevel.ELEVATED) >= 0;
    }
}
