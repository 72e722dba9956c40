package dev.foresight.domain.deployment;

import dev.foresight.domain.rollback.BlendPlanner;
import dev.foresight.domain.rollback.RestoreTarget;
import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.FailedResource;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.DeploymentStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Starts a deployment's rollback with a blend, and judges it from health probes of the restored version. No Kafka types. */
public final class Rollbacks {

    private final DeploymentSettings settings;
    private final GuardCommands commands;
    private final BlendPlanner planner = new BlendPlanner();

    public Rollbacks(DeploymentSettings settings, GuardCommands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    /**
     * Moves the deployment to ROLLING_BACK with its blend decided, and returns the command that says so and why.
     * Only the resources that applied successfully are blended; those that failed are listed as skipped.
     */
    public RollbackCommand start(DeploymentState deployment, Instant at, String madeBy, String version,
                          Map<String, Double> inputs, Map<String, Double> thresholds, String why) {
        Map<String, String> read = DeploymentEvidence.of(deployment);
        List<BlendDecision> blend = planner.plan(deployment.getResources(), new RestoreTarget(
                deployment.getToVersion(), deployment.getFromVersion(), Set.copyOf(deployment.getKnownConfigKeys())));
        deployment.setKeptResources(withVerdict(blend, BlendVerdict.KEEP));
        deployment.setQuarantinedResources(withVerdict(blend, BlendVerdict.CONFLICT));
        deployment.setStatus(DeploymentStatus.ROLLING_BACK);
        deployment.setValidationEndsAt(at.plus(settings.validationWindow()));
        Map<String, Double> allInputs = new HashMap<>(inputs);
        allInputs.put("resources", (double) blend.size());
        allInputs.put("skipped", (double) deployment.getFailedResources().size());
        for (BlendVerdict verdict : BlendVerdict.values()) {
            allInputs.put(verdict.name().toLowerCase(Locale.ROOT), (double) withVerdict(blend, verdict).size());
        }
        Decision decision = GuardCommands.decision(madeBy, version, allInputs, thresholds,
                why + "; restoring " + deployment.getFromVersion() + " with " + deployment.getKeptResources().size()
                        + " of " + blend.size() + " resources of the failed attempt kept" + skipped(deployment));
        decision.setEvidence(read);
        return commands.rollback(deployment, blend, decision, at);
    }

    /** The resources that never applied are not blended: the explanation says so, so a reader does not look for them. */
    private static String skipped(DeploymentState deployment) {
        List<FailedResource> failed = deployment.getFailedResources();
        return failed.isEmpty() ? "" : "; " + failed.size() + " skipped, not applied: " + failed.stream()
                .map(f -> f.getResource().getResourceId() + " (" + f.getReason() + ")").collect(Collectors.joining(", "));
    }

    /** Counts a probe of the restored version on one of the deployment's hosts within the window; false if it is not one. */
    public boolean count(DeploymentState deployment, HealthCheckEvent probe, Instant at) {
        boolean restoredVersion = probe.getVersion().isEmpty() || probe.getVersion().equals(deployment.getFromVersion());
        if (deployment.getStatus() != DeploymentStatus.ROLLING_BACK || !restoredVersion
                || !deployment.getHosts().contains(probe.getInstanceId()) || at.isAfter(deployment.getValidationEndsAt())) {
            return false;
        }
        if (probe.getHealthy()) {
            deployment.setHealthyProbes(deployment.getHealthyProbes() + 1);
        } else {
            deployment.setUnhealthyProbes(deployment.getUnhealthyProbes() + 1);
        }
        return true;
    }

    public boolean validated(DeploymentState deployment) {
        int probes = deployment.getHealthyProbes() + deployment.getUnhealthyProbes();
        return probes >= settings.minProbes() && deployment.getHealthyProbes() >= settings.minHealthyShare() * probes;
    }

    /** PARTIALLY_SUCCEEDED when something of the failed attempt was blended in, else a plain ROLLED_BACK. */
    public static DeploymentStatus validatedStatus(DeploymentState deployment) {
        return deployment.getKeptResources().isEmpty() ? DeploymentStatus.ROLLED_BACK : DeploymentStatus.PARTIALLY_SUCCEEDED;
    }

    private static List<DeployedResource> withVerdict(List<BlendDecision> blend, BlendVerdict verdict) {
        return blend.stream().filter(d -> d.getVerdict() == verdict).map(BlendDecision::getResource).toList();
    }
}
