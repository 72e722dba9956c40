package dev.foresight.domain.gates;

import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.state.GateEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Folds the signals the gates read into a service's {@link GateEvidence}; each method returns the new evidence. */
public final class GateEvidenceTracker {

    private final GateSettings settings;

    public GateEvidenceTracker(GateSettings settings) {
        this.settings = settings;
    }

    public static GateEvidence empty(String serviceId) {
        return GateEvidence.newBuilder().setServiceId(serviceId).build();
    }

    /** The latest build's risk; a score of an older build than the one kept (by time) is ignored. */
    public GateEvidence withBuildRisk(GateEvidence evidence, RiskScore risk) {
        if (evidence.getBuildRiskAt() != null && risk.getIssuedAt().isBefore(evidence.getBuildRiskAt())) {
            return evidence;
        }
        return GateEvidence.newBuilder(evidence).setBuildId(risk.getBuildId()).setBuildRisk(risk.getScore())
                .setBuildRiskAt(risk.getIssuedAt()).build();
    }

    /** A run with no tests says nothing about the failure rate. */
    public GateEvidence withTestRun(GateEvidence evidence, TestRunFinished run) {
        if (run.getTestsRun() <= 0) {
            return evidence;
        }
        List<Double> rates = new ArrayList<>(evidence.getTestFailureRates());
        rates.add(Math.min(1.0, Math.max(0.0, (double) run.getTestsFailed() / run.getTestsRun())));
        List<Double> kept = rates.subList(Math.max(0, rates.size() - settings.testRuns()), rates.size());
        return GateEvidence.newBuilder(evidence).setTestFailureRates(List.copyOf(kept)).build();
    }

    /** A series enters the evidence when its anomaly alert is raised and leaves it when the alert clears. */
    public GateEvidence withAnomalyScore(GateEvidence evidence, AnomalyScore score) {
        Map<String, Instant> anomalous = new HashMap<>(evidence.getAnomalousSince());
        if (score.getAlerting()) {
            anomalous.putIfAbsent(score.getMetric(), score.getWindowStart());
        } else if (anomalous.remove(score.getMetric()) == null) {
            return evidence;
        }
        return GateEvidence.newBuilder(evidence).setAnomalousSince(anomalous).build();
    }
}
