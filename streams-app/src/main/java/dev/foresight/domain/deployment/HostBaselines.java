package dev.foresight.domain.deployment;

import dev.foresight.domain.hostrisk.HostRiskScorer;
import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.HostBaseline;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A host's baseline as time-weighted moving means: each sample pulls the means by
 * {@code 1 - exp(-gap / timeConstant)}, and by at least {@code 1 / samples} so the first samples
 * average evenly instead of the first one dominating.
 */
public final class HostBaselines {

    private HostBaselines() {
    }

    public static HostBaseline fold(HostBaseline baseline, TelemetryEvent sample, Duration timeConstant) {
        if (baseline == null) {
            return HostBaseline.newBuilder()
                    .setHostId(sample.getHostId()).setUpdatedAt(sample.getTimestamp()).setSamples(1)
                    .setCpu(sample.getCpuUtilization()).setMemory(sample.getMemoryUtilization())
                    .setLatencyMs(sample.getLatencyMs()).setErrorRate(sample.getErrorRate())
                    .setRequestRate(sample.getRequestRate()).setKpis(new HashMap<>(sample.getKpis()))
                    .build();
        }
        long gapMs = Math.max(0, sample.getTimestamp().toEpochMilli() - baseline.getUpdatedAt().toEpochMilli());
        long samples = baseline.getSamples() + 1;
        double a = Math.max(1 - Math.exp(-(double) gapMs / timeConstant.toMillis()), 1.0 / samples);
        baseline.setSamples(samples);
        baseline.setUpdatedAt(sample.getTimestamp());
        baseline.setCpu(pull(baseline.getCpu(), sample.getCpuUtilization(), a));
        baseline.setMemory(pull(baseline.getMemory(), sample.getMemoryUtilization(), a));
        baseline.setLatencyMs(pull(baseline.getLatencyMs(), sample.getLatencyMs(), a));
        baseline.setErrorRate(pull(baseline.getErrorRate(), sample.getErrorRate(), a));
        baseline.setRequestRate(pull(baseline.getRequestRate(), sample.getRequestRate(), a));
        Map<String, Double> kpis = new HashMap<>(baseline.getKpis());
        sample.getKpis().forEach((name, value) -> kpis.merge(name, value, (old, v) -> pull(old, v, a)));
        baseline.setKpis(kpis);
        return baseline;
    }

    /**
     * Notes a continuous host risk score (one without a deployment) on the host's baseline: its risk, and since
     * when the host has been in alert. Deployment scores and scores older than the one noted are ignored.
     *
     * @return whether the baseline changed
     */
    public static boolean noteRisk(HostBaseline baseline, RiskScore score) {
        Instant at = score.getIssuedAt();
        boolean stale = baseline.getHostRiskAt() != null && at.isBefore(baseline.getHostRiskAt());
        if (score.getDeploymentId() != null || stale) {
            return false;
        }
        Double alerting = score.getDecision() == null ? null
                : score.getDecision().getInputs().get(HostRiskScorer.ALERTING_INPUT);
        baseline.setHostRisk(score.getScore());
        baseline.setHostRiskAt(at);
        if (alerting == null || alerting < 0.5) {
            baseline.setHostRiskAlertingSince(null);
        } else if (baseline.getHostRiskAlertingSince() == null) {
            baseline.setHostRiskAlertingSince(at);
        }
        return true;
    }

    /**
     * Whether continuous host risk already held the host in alert when the deployment started: its trouble is
     * the host's, not the release's.
     */
    public static boolean alertingBefore(HostBaseline baseline, Instant rolloutStart) {
        return baseline != null && baseline.getHostRiskAlertingSince() != null
                && baseline.getHostRiskAlertingSince().isBefore(rolloutStart);
    }

    static HostFeatures.Window means(HostBaseline baseline) {
        return new HostFeatures.Window(baseline.getCpu(), baseline.getCpu(), baseline.getMemory(),
                baseline.getLatencyMs(), baseline.getErrorRate(), baseline.getRequestRate(), baseline.getKpis());
    }

    private static double pull(double mean, double value, double a) {
        return mean + a * (value - mean);
    }
}
