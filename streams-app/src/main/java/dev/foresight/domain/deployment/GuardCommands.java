package dev.foresight.domain.deployment;

import dev.foresight.domain.deployment.RiskAllocationPolicy.Move;
import dev.foresight.domain.deployment.RiskAllocationPolicy.Step;
import dev.foresight.domain.rollback.BlendPlanner;
import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.TargetKind;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.HostRiskState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds the guardian's commands, each with the decision that explains it. Ids are deterministic. */
public final class GuardCommands {

    static final String MODEL = "deployment-risk-model";
    static final String ALLOCATOR = "deployment-risk-allocator";
    public static final String GUARDIAN = "deployment-guardian";
    public static final String BLEND = "rollback-blend";
    /** Kind of the alert raised for each resource a rollback quarantines. */
    public static final String QUARANTINE_ALERT = "rollback-quarantine";

    private final DeploymentSettings settings;
    private final RiskAllocationPolicy policy;

    public GuardCommands(DeploymentSettings settings, RiskAllocationPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    RiskScore riskScore(HostRiskState host, double risk, double[] features, String modelVersion, Instant at) {
        Map<String, Double> thresholds = new HashMap<>();
        for (RiskLevel level : RiskLevel.values()) {
            thresholds.put(level.name().toLowerCase(Locale.ROOT), policy.threshold(level));
        }
        thresholds.put("abort", settings.abortRisk());
        Decision decision = decision(MODEL, modelVersion, HostFeatures.named(features), thresholds,
                "probability that the host fails within " + settings.labelHorizon().toMinutes() + " min");
        decision.setEvidence(DeploymentEvidence.of(null, host));
        return new RiskScore(host.getHostId(), host.getDeploymentId(), at, risk, decision, null);
    }

    /** The command of a level the host entered, or the revert of one it left; SCALE and its revert go to every dependent. */
    List<AllocationCommand> allocation(Step step, HostRiskState host, DeploymentState deployment,
                                       Map<String, Double> inputs, String modelVersion, Instant at, String why) {
        Map<String, Double> thresholds = Map.of("enter", policy.threshold(step.level()),
                "exit", policy.exitThreshold(step.level()));
        Decision decision = decision(ALLOCATOR, modelVersion, inputs, thresholds, why);
        decision.setEvidence(DeploymentEvidence.of(deployment, host));
        AllocationAction action = step.move() == Move.ENTER ? action(step.level()) : AllocationAction.REVERT;
        List<String> targets = step.level() == RiskLevel.SCALE_DEPENDENTS ? deployment.getDependents()
                : List.of(host.getHostId());
        TargetKind kind = step.level() == RiskLevel.SCALE_DEPENDENTS ? TargetKind.SERVICE : TargetKind.HOST;
        return targets.stream().map(target -> AllocationCommand.newBuilder()
                        .setCommandId(String.join("/", deployment.getDeploymentId(), target, step.level().name(),
                                step.move().name(), Long.toString(at.toEpochMilli())))
                        .setIssuedAt(at)
                        .setAction(action)
                        .setTargetKind(kind)
                        .setTarget(target)
                        .setAmount(step.move() == Move.ENTER ? amount(step.level()) : null)
                        .setExpiresAt(step.move() == Move.ENTER && step.level() == RiskLevel.BOOST
                                ? host.getBoostExpiresAt() : null)
                        .setCorrelationId(deployment.getDeploymentId())
                        .setDecision(decision)
                        .build())
                .toList();
    }

    RollbackCommand rollback(DeploymentState deployment, List<BlendDecision> blend, Decision decision, Instant at) {
        return RollbackCommand.newBuilder()
                .setCommandId(deployment.getDeploymentId() + "/rollback")
                .setIssuedAt(at)
                .setDeploymentId(deployment.getDeploymentId())
                .setServiceId(deployment.getServiceId())
                .setFailedVersion(deployment.getToVersion())
                .setRestoreVersion(deployment.getFromVersion())
                .setBlend(blend)
                .setSkipped(List.copyOf(deployment.getFailedResources()))
                .setDecision(decision)
                .build();
    }

    /**
     * The seed's {@code log_incompatible_resources}, at the rollback rather than after validation: a
     * person has to decide on a quarantined resource whether or not the restored version turns healthy.
     * One alert per resource, since each needs its own decision; the reason is Avro's incompatibilities
     * or the blend rule that refused it.
     */
    static Alert quarantined(DeploymentState deployment, BlendDecision conflict, Map<String, String> evidence,
                             Instant at) {
        DeployedResource resource = conflict.getResource();
        String message = String.format(Locale.ROOT, "%s %s of %s quarantined in the rollback to %s: %s",
                resource.getKind(), resource.getResourceId(), deployment.getToVersion(), deployment.getFromVersion(),
                conflict.getReason());
        Map<String, String> read = new TreeMap<>(evidence);
        read.put("resource.id", resource.getResourceId());
        read.put("resource.kind", resource.getKind().name());
        read.put("resource.version", resource.getVersion());
        read.put("resource.verdict", conflict.getVerdict().name());
        Decision decision = decision(BLEND, BlendPlanner.VERSION, Map.of(), Map.of(), conflict.getReason());
        decision.setEvidence(read);
        return Alert.newBuilder()
                .setAlertId(deployment.getDeploymentId() + "/quarantine/" + resource.getResourceId())
                .setIssuedAt(at)
                .setKind(QUARANTINE_ALERT)
                .setSeverity(AlertSeverity.WARNING)
                .setSubject(deployment.getDeploymentId())
                .setMessage(message)
                .setDecision(decision)
                .build();
    }

    public Alert validation(DeploymentState deployment, boolean validated, Instant at) {
        int probes = deployment.getHealthyProbes() + deployment.getUnhealthyProbes();
        double healthyShare = probes == 0 ? 0 : (double) deployment.getHealthyProbes() / probes;
        String message = validated
                ? "rolled back to " + deployment.getFromVersion() + ", validated: " + deployment.getHealthyProbes()
                        + " of " + probes + " health probes healthy"
                : "rolled back to " + deployment.getFromVersion() + " but not validated: " + deployment.getHealthyProbes()
                        + " of " + probes + " health probes healthy; allocation changes left in place, "
                        + deployment.getQuarantinedResources().size() + " resources quarantined";
        return Alert.newBuilder()
                .setAlertId(deployment.getDeploymentId() + "/validation")
                .setIssuedAt(at)
                .setKind(validated ? "rollback-validated" : "rollback-escalation")
                .setSeverity(validated ? AlertSeverity.INFO : AlertSeverity.CRITICAL)
                .setSubject(deployment.getDeploymentId())
                .setMessage(message)
                .setExpected(settings.minHealthyShare())
                .setActual(healthyShare)
                .setDecision(decision(GUARDIAN, "validation-v1",
                        Map.of("probes", (double) probes, "healthyShare", healthyShare),
                        Map.of("minProbes", (double) settings.minProbes(), "minHealthyShare", settings.minHealthyShare()),
                        message))
                .build();
    }

    static Decision decision(String madeBy, String version, Map<String, Double> inputs, Map<String, Double> thresholds,
                             String explanation) {
        return Decision.newBuilder()
                .setMadeBy(madeBy)
                .setVersion(version)
                .setInputs(inputs)
                .setThresholds(thresholds)
                .setExplanation(explanation)
                .build();
    }

    private static AllocationAction action(RiskLevel level) {
        return switch (level) {
            case THROTTLE -> AllocationAction.THROTTLE;
            case BOOST -> AllocationAction.BOOST;
            case SHIFT_TRAFFIC -> AllocationAction.SHIFT_TRAFFIC;
            case SCALE_DEPENDENTS -> AllocationAction.SCALE;
        };
    }

    private double amount(RiskLevel level) {
        RiskAllocationSettings allocation = settings.allocation();
        return switch (level) {
            case THROTTLE -> allocation.throttleFactor();
            case BOOST -> allocation.boostFactor();
            case SHIFT_TRAFFIC -> allocation.trafficShare();
            case SCALE_DEPENDENTS -> allocation.scaleFactor();
        };
    }
}
