package dev.foresight.domain.fleet;

import dev.foresight.schema.commands.DemandReport;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Writes an assessment as the report of {@code demand.reports.v1}. */
public final class DemandReports {

    private DemandReports() {
    }

    public static DemandReport of(DemandAssessment a, FleetSettings settings) {
        return DemandReport.newBuilder()
                .setScope(a.fleetId())
                .setIssuedAt(Instant.ofEpochMilli(a.windowEnd()))
                .setResourceMode(a.resourceMode())
                .setDispatchPosture(a.dispatchPosture())
                .setHorizonHours(hours(settings.horizon().toMillis()))
                .setRecentRequestRate(a.recentRate())
                .setBaselineRequestRate(a.baselineRate())
                .setPredictedRequestRate(a.forecast().mean())
                .setSurgeFactor(a.surgeFactor())
                .setDemandLevel(a.held().level())
                .setUnhealthyChecks(a.inferenceFailures() + a.forgeOutages())
                .setGiteaOutages(a.forgeOutages())
                .setInferenceFailures(a.inferenceFailures())
                .setTopCallers(a.topCallers())
                .setRecommendedActions(RecommendedActions.of(a))
                .setDecision(FleetCommands.decision(a, Map.of("rawLevel", (double) a.rawLevel().ordinal()),
                        Map.of("normalAbove", DemandLevels.NORMAL_ABOVE, "elevatedAbove", DemandLevels.ELEVATED_ABOVE,
                                "criticalAbove", DemandLevels.CRITICAL_ABOVE,
                                "releaseBand", settings.hysteresis().releaseBand(),
                                "releaseReports", (double) settings.hysteresis().releaseReports()),
                        explanation(a)))
                .setPredictedLower(a.forecast().lower())
                .setPredictedUpper(a.forecast().upper())
                .setRawDemandLevel(a.rawLevel())
                .setWindowEnd(Instant.ofEpochMilli(a.windowEnd()))
                .setRecentWindowHours(hours(settings.recentWindow().toMillis()))
                .setBaselineWindowHours(hours(settings.baselineWindow().toMillis()))
                .build();
    }

    private static String explanation(DemandAssessment a) {
        String level = a.held().level().name().toLowerCase(Locale.ROOT);
        return a.rawLevel() == a.held().level()
                ? String.format(Locale.ROOT, "surge factor %.2f gives %s", a.surgeFactor(), level)
                : String.format(Locale.ROOT, "surge factor %.2f alone gives %s; %s is held until it stays below "
                        + "the release point", a.surgeFactor(), a.rawLevel().name().toLowerCase(Locale.ROOT), level);
    }

    private static double hours(long ms) {
        return ms / 3_600_000.0;
    }
}
