package dev.foresight.domain.fleet;

import dev.foresight.predict.demand.RateForecast;
import dev.foresight.schema.commands.CallerDemand;
import dev.foresight.schema.commands.DemandLevel;
import dev.foresight.schema.commands.DispatchPosture;
import dev.foresight.schema.commands.ResourceMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compares a fleet's recent window with its baseline and applies the seed's posture signals:
 * surge mode when the held level is elevated or critical (surge factor above 1.5) or inference failed
 * at least twice; degraded dispatch after one forge outage; heavy batch and failing callers.
 */
public final class DemandAssessor {

    private static final double HOUR_MS = 3_600_000.0;
    /** Without any baseline there is nothing to compare with: flat. */
    private static final double NO_BASELINE = 1.0;

    private final FleetSettings settings;

    public DemandAssessor(FleetSettings settings) {
        this.settings = settings;
    }

    public DemandAssessment assess(String fleetId, long windowEnd, FleetWindow recent, FleetWindow baseline,
                                   RateForecast forecast, LevelHysteresis.Held previous) {
        double surge = surgeFactor(recent.requests(), recent.lengthMs(), baseline.requests(), baseline.lengthMs());
        LevelHysteresis.Held held = settings.hysteresis().next(previous, surge);
        int inferenceFailures = (int) recent.inferenceFailures();
        int forgeOutages = (int) recent.forgeOutages();
        boolean surgeMode = held.level().compareTo(DemandLevel.ELEVATED) >= 0
                || inferenceFailures >= DemandAssessment.INFERENCE_FAILURES_FOR_SURGE;
        List<CallerDemand> callers = callers(recent, baseline);
        boolean shared = recent.callers().size() > 1;
        return new DemandAssessment(fleetId, windowEnd, recent.requestRate(), baseline.requestRate(), surge, forecast,
                DemandLevels.of(surge), held, surgeMode ? ResourceMode.SURGE : ResourceMode.STEADY,
                forgeOutages >= DemandAssessment.FORGE_OUTAGES_FOR_DEGRADED ? DispatchPosture.DEGRADED
                        : DispatchPosture.NORMAL,
                forgeOutages, inferenceFailures, callers.stream().limit(settings.topCallers()).toList(),
                callers.stream().filter(c -> shared && flaggable(c) && c.getBatchWeight() >= settings.heavyBatchShare())
                        .toList(),
                callers.stream().filter(c -> flaggable(c) && c.getFailureRate() >= settings.highFailureRate()).toList());
    }

    /**
     * Recent over baseline rate, the baseline floored so an idle one gives a finite factor. Computed from
     * the counts, so equal rates give exactly 1.0 and the table's boundaries are not blurred by rounding.
     */
    double surgeFactor(long recentRequests, long recentMs, long baselineRequests, long baselineMs) {
        if (baselineMs == 0) {
            return NO_BASELINE;
        }
        double baselineRate = baselineRequests * HOUR_MS / baselineMs;
        if (baselineRate < settings.minBaselineRate()) {
            return recentRequests * HOUR_MS / recentMs / settings.minBaselineRate();
        }
        return (double) (recentRequests * baselineMs) / ((double) baselineRequests * recentMs);
    }

    private boolean flaggable(CallerDemand caller) {
        return caller.getRequests() >= settings.minCallerRequests();
    }

    /** Every recent caller, busiest first (ties by name, so reports are reproducible). */
    private List<CallerDemand> callers(FleetWindow recent, FleetWindow baseline) {
        long requests = recent.requests();
        long tokens = recent.tokens();
        return recent.callers().entrySet().stream()
                .map(e -> caller(e, requests, tokens, recent, baseline))
                .sorted(Comparator.comparingLong(CallerDemand::getRequests).reversed()
                        .thenComparing(CallerDemand::getCaller))
                .toList();
    }

    private CallerDemand caller(Map.Entry<String, FleetWindow.Tally> entry, long requests, long tokens,
                                FleetWindow recent, FleetWindow baseline) {
        FleetWindow.Tally tally = entry.getValue();
        String name = entry.getKey();
        return CallerDemand.newBuilder()
                .setCaller(entry.getKey())
                .setRequests(tally.requests())
                .setShare(requests == 0 ? 0 : (double) tally.requests() / requests)
                .setFailureRate(tally.requests() == 0 ? 0 : (double) tally.failures() / tally.requests())
                .setBatchWeight(tokens == 0 ? 0 : (double) tally.tokens() / tokens)
                .setRecentRequestRate(recent.requestRate(name))
                .setBaselineRequestRate(baseline.requestRate(name))
                .setSurgeFactor(surgeFactor(tally.requests(), recent.lengthMs(), baseline.requests(name),
                        baseline.lengthMs()))
                .build();
    }
}
