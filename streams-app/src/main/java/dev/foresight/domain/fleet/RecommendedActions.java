package dev.foresight.domain.fleet;

import dev.foresight.schema.commands.CallerDemand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The seed's recommendations, each starting with the action's name so executors can match on it. */
public final class RecommendedActions {

    public static final String PRE_WARM = "Pre-warm local inference";
    public static final String THROTTLE = "Throttle background jobs";
    public static final String INVESTIGATE_FAILURES = "Investigate failure rates";
    public static final String INVESTIGATE_RELIABILITY = "Investigate model reliability";
    public static final String CACHE_FORGE = "Cache forge state";
    public static final String MAINTAIN = "Maintain current allocation";

    private RecommendedActions() {
    }

    public static List<String> of(DemandAssessment a) {
        List<String> actions = new ArrayList<>();
        if (a.surging()) {
            actions.add(String.format(Locale.ROOT, "%s: surge factor %.2f (%s), warm up before the next window",
                    PRE_WARM, a.surgeFactor(), a.held().level().name().toLowerCase(Locale.ROOT)));
        }
        a.heavyBatch().forEach(c -> actions.add(String.format(Locale.ROOT,
                "%s: %s carries %.0f%% of the tokens", THROTTLE, c.getCaller(), 100 * c.getBatchWeight())));
        a.failing().forEach(c -> actions.add(failures(c)));
        if (a.inferenceFailures() >= DemandAssessment.INFERENCE_FAILURES_FOR_SURGE) {
            actions.add(String.format(Locale.ROOT, "%s: %d inference health failures in the recent window",
                    INVESTIGATE_RELIABILITY, a.inferenceFailures()));
        }
        if (a.forgeOutages() >= DemandAssessment.FORGE_OUTAGES_FOR_DEGRADED) {
            actions.add(String.format(Locale.ROOT, "%s: %d forge outages in the recent window",
                    CACHE_FORGE, a.forgeOutages()));
        }
        if (actions.isEmpty()) {
            actions.add(MAINTAIN + ": no issues detected");
        }
        return actions;
    }

    private static String failures(CallerDemand c) {
        return String.format(Locale.ROOT, "%s: %s failed %.0f%% of %d requests",
                INVESTIGATE_FAILURES, c.getCaller(), 100 * c.getFailureRate(), c.getRequests());
    }
}
