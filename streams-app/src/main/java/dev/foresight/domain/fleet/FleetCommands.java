package dev.foresight.domain.fleet;

import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.CallerDemand;
import dev.foresight.schema.commands.TargetKind;
import dev.foresight.schema.common.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Allocation commands for executors. While demand surges, local inference is pre-warmed ({@code BOOST}
 * of target {@code <fleet>/local-inference}, amount = the forecast's upper bound over the baseline rate,
 * at least 1) and, under that pressure, heavy batch callers are throttled ({@code THROTTLE} of
 * {@code <fleet>/<caller>}, amount = the share of its rate to keep so its token share falls to the heavy
 * batch share). Each command holds for one horizon ({@code expiresAt}) and is not repeated before then;
 * a surge still present afterwards renews it. Ids derive from fleet, target and report time, so a
 * reprocessed report gives the same ids.
 */
public final class FleetCommands {

    public static final String MADE_BY = "fleet-demand-posture";
    public static final String VERSION = "1";
    static final double MAX_PREWARM_FACTOR = 10;
    /** Callers named in the evidence; the report lists them all. */
    private static final int LISTED_CALLERS = 3;

    /** Commands to send, and until when each target is now covered. */
    public record Issued(List<AllocationCommand> commands, Long prewarmedUntil, Map<String, Long> throttledUntil) {
    }

    private final FleetSettings settings;

    public FleetCommands(FleetSettings settings) {
        this.settings = settings;
    }

    public Issued issue(DemandAssessment a, Long prewarmedUntil, Map<String, Long> throttledUntil) {
        long now = a.windowEnd();
        long expires = now + settings.horizon().toMillis();
        List<AllocationCommand> commands = new ArrayList<>();
        Long prewarm = prewarmedUntil != null && prewarmedUntil > now ? prewarmedUntil : null;
        if (a.surging() && prewarm == null) {
            commands.add(prewarm(a, expires));
            prewarm = expires;
        }
        Map<String, Long> throttles = new HashMap<>();
        throttledUntil.forEach((caller, until) -> {
            if (until > now) {
                throttles.put(caller, until);
            }
        });
        if (a.surging()) {
            for (CallerDemand caller : a.heavyBatch()) {
                if (!throttles.containsKey(caller.getCaller())) {
                    commands.add(throttle(a, caller, expires));
                    throttles.put(caller.getCaller(), expires);
                }
            }
        }
        return new Issued(commands, prewarm, throttles);
    }

    private AllocationCommand prewarm(DemandAssessment a, long expires) {
        double baseline = Math.max(a.baselineRate(), settings.minBaselineRate());
        double factor = Math.min(MAX_PREWARM_FACTOR, Math.max(1, a.forecast().upper() / baseline));
        String target = a.fleetId() + "/local-inference";
        return command(a, AllocationAction.BOOST, target, factor, expires, decision(a, Map.of(
                        "forecastUpper", a.forecast().upper()), Map.of("elevatedAbove", DemandLevels.ELEVATED_ABOVE),
                String.format(Locale.ROOT, "surge factor %.2f over the baseline: warm local inference for %.1f x "
                        + "the baseline rate before the next window", a.surgeFactor(), factor)));
    }

    private AllocationCommand throttle(DemandAssessment a, CallerDemand caller, long expires) {
        double keep = Math.min(1, settings.heavyBatchShare() / caller.getBatchWeight());
        return command(a, AllocationAction.THROTTLE, a.fleetId() + "/" + caller.getCaller(), keep, expires,
                decision(a, Map.of("batchWeight", caller.getBatchWeight(), "callerRequests",
                                (double) caller.getRequests()),
                        Map.of("heavyBatchShare", settings.heavyBatchShare(), "elevatedAbove", DemandLevels.ELEVATED_ABOVE),
                        String.format(Locale.ROOT, "%s carries %.0f%% of the tokens during a surge: keep %.0f%% "
                                + "of its rate", caller.getCaller(), 100 * caller.getBatchWeight(), 100 * keep)));
    }

    private static AllocationCommand command(DemandAssessment a, AllocationAction action, String target, double amount,
                                             long expires, Decision decision) {
        return AllocationCommand.newBuilder()
                .setCommandId(target + "/" + action.name().toLowerCase(Locale.ROOT) + "/" + a.windowEnd())
                .setIssuedAt(Instant.ofEpochMilli(a.windowEnd()))
                .setAction(action)
                .setTargetKind(TargetKind.SERVICE)
                .setTarget(target)
                .setAmount(amount)
                .setExpiresAt(Instant.ofEpochMilli(expires))
                .setCorrelationId(a.fleetId())
                .setDecision(decision)
                .build();
    }

    /** The inputs every fleet decision records, plus the ones particular to it. */
    static Decision decision(DemandAssessment a, Map<String, Double> extraInputs, Map<String, Double> thresholds,
                             String explanation) {
        Map<String, Double> inputs = new HashMap<>(extraInputs);
        inputs.put("recentRequestRate", a.recentRate());
        inputs.put("baselineRequestRate", a.baselineRate());
        inputs.put("surgeFactor", a.surgeFactor());
        inputs.put("predictedRequestRate", a.forecast().mean());
        inputs.put("inferenceFailures", (double) a.inferenceFailures());
        inputs.put("forgeOutages", (double) a.forgeOutages());
        return Decision.newBuilder().setMadeBy(MADE_BY).setVersion(VERSION).setInputs(inputs)
                .setThresholds(thresholds).setConfidence(null).setExplanation(explanation).setEvidence(evidence(a))
                .build();
    }

    /** The state a fleet decision read, for {@code explain}: the window, the held level and why, the forecast. */
    static Map<String, String> evidence(DemandAssessment a) {
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("fleet.window", a.fleetId() + " until " + Instant.ofEpochMilli(a.windowEnd()));
        evidence.put("fleet.level", a.held().level() + " (raw " + a.rawLevel() + ", " + a.held().reportsBelow()
                + " report(s) below it)");
        evidence.put("fleet.mode", a.resourceMode() + ", dispatch " + a.dispatchPosture());
        evidence.put("fleet.forecast", String.format(Locale.ROOT, "%.1f req/s [%.1f, %.1f]", a.forecast().mean(),
                a.forecast().lower(), a.forecast().upper()));
        evidence.put("fleet.topCallers", a.topCallers().stream().limit(LISTED_CALLERS)
                .map(c -> c.getCaller() + " " + c.getRequests()).collect(Collectors.joining(", ")));
        return evidence;
    }
}
