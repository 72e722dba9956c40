package dev.foresight.domain.deployment;

import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.HostBaseline;
import dev.foresight.schema.state.HostRiskState;
import dev.foresight.schema.state.HostWindow;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The guardian's state behind a decision, as the {@code evidence} of its commands: what {@code explain} shows. */
public final class DeploymentEvidence {

    private DeploymentEvidence() {
    }

    public static Map<String, String> of(DeploymentState deployment) {
        Map<String, String> evidence = new TreeMap<>();
        evidence.put("deployment.id", deployment.getDeploymentId());
        evidence.put("deployment.service", deployment.getServiceId());
        evidence.put("deployment.versions", deployment.getFromVersion() + " -> " + deployment.getToVersion());
        evidence.put("deployment.status", deployment.getStatus().name());
        evidence.put("deployment.startedAt", deployment.getStartedAt().toString());
        evidence.put("deployment.steps", deployment.getStepsCompleted() + " of " + deployment.getHosts().size()
                + " hosts");
        evidence.put("deployment.probes", deployment.getHealthyProbes() + " healthy, "
                + deployment.getUnhealthyProbes() + " unhealthy");
        if (deployment.getEnvironment() != null) {
            evidence.put("deployment.environment", deployment.getEnvironment());
        }
        evidence.put("deployment.dependents", deployment.getDependents() + " from " + deployment.getDependentsFrom());
        if (!deployment.getFailedResources().isEmpty()) {
            evidence.put("deployment.failedResources", deployment.getFailedResources().stream()
                    .map(f -> f.getResource().getResourceId() + ": " + f.getReason()).toList().toString());
        }
        if (deployment.getFailureReason() != null) {
            evidence.put("deployment.failureReason", deployment.getFailureReason());
        }
        return evidence;
    }

    /**
     * The deployment's evidence and the host's: its last closed window, how long its risk has been high, its
     * continuous host risk from before the rollout and whether that makes its trouble pre-existing.
     */
    public static Map<String, String> of(DeploymentState deployment, HostRiskState host) {
        Map<String, String> evidence = deployment == null ? new TreeMap<>() : of(deployment);
        evidence.put("host.id", host.getHostId());
        continuousRisk(deployment, host.getBaseline(), evidence);
        HostWindow window = host.getWindow();
        if (window != null && window.getCount() > 0) {
            double n = window.getCount();
            evidence.put("host.window", String.format(Locale.ROOT, "from %s, %d samples: cpu mean %.3f max %.3f, "
                    + "memory mean %.1f, latency mean %.1f, errors %.0f of %.0f requests", window.getStart(),
                    window.getCount(), window.getCpuSum() / n, window.getCpuMax(), window.getMemorySum() / n,
                    window.getLatencySum() / n, window.getErrorSum(), window.getRequestSum()));
        }
        if (host.getLastScore() != null) {
            evidence.put("host.lastScore", String.format(Locale.ROOT, "%.3f", host.getLastScore()));
        }
        if (host.getHighRiskSince() != null) {
            evidence.put("host.highRiskSince", host.getHighRiskSince().toString());
        }
        if (!host.getLevels().isEmpty()) {
            evidence.put("host.levels", new TreeMap<>(host.getLevels()).toString());
        }
        return evidence;
    }

    private static void continuousRisk(DeploymentState deployment, HostBaseline baseline, Map<String, String> evidence) {
        if (baseline == null || baseline.getHostRisk() == null) {
            return;
        }
        Instant since = baseline.getHostRiskAlertingSince();
        evidence.put("host.continuousRisk", String.format(Locale.ROOT, "%.3f at %s%s", baseline.getHostRisk(),
                baseline.getHostRiskAt(), since == null ? ", not in alert" : ", in alert since " + since));
        if (deployment != null && HostBaselines.alertingBefore(baseline, deployment.getStartedAt())) {
            evidence.put("host.degradedBeforeRollout", "in alert since " + since + ", before the rollout started at "
                    + deployment.getStartedAt() + ": traffic shifted away, the rollout not throttled or aborted on it");
        }
    }
}
