package dev.foresight.domain.gates;

import dev.foresight.schema.commands.GateCheck;
import dev.foresight.schema.commands.GateDecision;
import dev.foresight.schema.commands.GateTarget;
import dev.foresight.schema.commands.GateVerdict;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.state.GateEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The quality gates on a deployment or a synthesized stage of a service: build risk, test failure rate and
 * anomaly state, each against its configured threshold. Any failed check blocks; the verdict carries every check.
 */
public final class QualityGates {

    static final String MADE_BY = "quality-gates";
    static final String VERSION = "1";

    private final GateSettings settings;

    public QualityGates(GateSettings settings) {
        this.settings = settings;
    }

    /** @param at the gated event's time, against which the evidence's age is judged */
    public GateDecision evaluate(GateEvidence evidence, GateTarget target, String targetId, Instant at) {
        List<GateCheck> checks = List.of(buildRisk(evidence, at), testFailureRate(evidence), anomaly(evidence));
        boolean blocked = checks.stream().anyMatch(check -> !check.getPassed());
        return GateDecision.newBuilder()
                .setCommandId("gate/" + target.name().toLowerCase(Locale.ROOT) + "/" + targetId).setIssuedAt(at)
                .setServiceId(evidence.getServiceId()).setTargetKind(target).setTargetId(targetId)
                .setVerdict(blocked ? GateVerdict.BLOCK : GateVerdict.ALLOW).setChecks(checks)
                .setDecision(decision(evidence, checks, blocked)).build();
    }

    private GateCheck buildRisk(GateEvidence evidence, Instant at) {
        boolean fresh = evidence.getBuildRisk() != null
                && !evidence.getBuildRiskAt().plus(settings.buildRiskMaxAge()).isBefore(at);
        if (!fresh) {
            return missing("build-risk", settings.maxBuildRisk(), "no build risk scored within "
                    + settings.buildRiskMaxAge());
        }
        double risk = evidence.getBuildRisk();
        return check("build-risk", risk, settings.maxBuildRisk(), risk <= settings.maxBuildRisk(),
                String.format(Locale.ROOT, "build %s: failure risk %.2f, at most %.2f allowed", evidence.getBuildId(),
                        risk, settings.maxBuildRisk()));
    }

    private GateCheck testFailureRate(GateEvidence evidence) {
        List<Double> rates = evidence.getTestFailureRates();
        if (rates.isEmpty()) {
            return missing("test-failure-rate", settings.maxTestFailureRate(), "no test run seen");
        }
        double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return check("test-failure-rate", mean, settings.maxTestFailureRate(), mean <= settings.maxTestFailureRate(),
                String.format(Locale.ROOT, "%.1f %% of tests failed over the last %d run(s), at most %.1f %% allowed",
                        100 * mean, rates.size(), 100 * settings.maxTestFailureRate()));
    }

    private GateCheck anomaly(GateEvidence evidence) {
        Map<String, Instant> anomalous = new TreeMap<>(evidence.getAnomalousSince());
        boolean passed = anomalous.isEmpty() || !settings.blockOnAnomaly();
        String detail = anomalous.isEmpty() ? "no series in anomaly alert"
                : "in anomaly alert: " + anomalous.entrySet().stream().map(e -> e.getKey() + " since " + e.getValue())
                .collect(Collectors.joining(", ")) + (passed ? " (blockOnAnomaly is off)" : "");
        return check("anomaly", anomalous.size(), 0, passed, detail);
    }

    private GateCheck missing(String gate, double threshold, String detail) {
        return new GateCheck(gate, null, threshold, !settings.blockWithoutEvidence(), detail);
    }

    private static GateCheck check(String gate, double value, double threshold, boolean passed, String detail) {
        return new GateCheck(gate, value, threshold, passed, detail);
    }

    private Decision decision(GateEvidence evidence, List<GateCheck> checks, boolean blocked) {
        Map<String, Double> inputs = new TreeMap<>();
        Map<String, Double> thresholds = new TreeMap<>();
        Map<String, String> details = new TreeMap<>();
        for (GateCheck check : checks) {
            if (check.getValue() != null) {
                inputs.put(check.getGate(), check.getValue());
            }
            thresholds.put(check.getGate(), check.getThreshold());
            details.put(check.getGate(), (check.getPassed() ? "passed: " : "failed: ") + check.getDetail());
        }
        if (evidence.getBuildId() != null) {
            details.put("build.id", evidence.getBuildId());
        }
        String failed = checks.stream().filter(c -> !c.getPassed()).map(GateCheck::getGate)
                .collect(Collectors.joining(", "));
        return Decision.newBuilder().setMadeBy(MADE_BY).setVersion(VERSION).setInputs(inputs).setThresholds(thresholds)
                .setExplanation(blocked ? "blocked by " + failed : "every gate passed").setEvidence(details).build();
    }
}
