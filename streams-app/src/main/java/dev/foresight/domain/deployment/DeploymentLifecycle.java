package dev.foresight.domain.deployment;

import dev.foresight.domain.rollback.BlendPlanner;
import dev.foresight.predict.risk.RiskModel;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.FailedResource;
import dev.foresight.schema.events.DeploymentCompleted;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentFailed;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.HostStepCompleted;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.DeploymentStatus;
import dev.foresight.schema.state.HostBaseline;
import dev.foresight.schema.state.HostRiskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The life of the deployments of one task's services: started, guarded host by host while running,
 * rolled back with a blend when it fails or is aborted, validated by health probes, then kept for a
 * while and purged. Scoring is the {@link HostRiskTracker}'s, labelling the {@link OutcomeLabeller}'s.
 * Each call returns what it emits, in order; the caller stamps it with the call's time.
 */
public final class DeploymentLifecycle {

    private final DeploymentSettings settings;
    private final RiskModel model;
    private final GuardianState state;
    private final GuardCommands commands;
    private final HostRiskTracker tracker;
    private final Rollbacks rollbacks;
    private final OutcomeLabeller labeller;
    private final List<GuardOutput> emitted = new ArrayList<>();

    public DeploymentLifecycle(DeploymentSettings settings, RiskModel model, GuardianState state) {
        this.settings = settings;
        this.model = model;
        this.state = state;
        RiskAllocationPolicy policy = new RiskAllocationPolicy(settings.allocation());
        this.commands = new GuardCommands(settings, policy);
        this.tracker = new HostRiskTracker(settings, model, policy, commands);
        this.rollbacks = new Rollbacks(settings, commands);
        this.labeller = new OutcomeLabeller(model, state);
    }

    public List<GuardOutput> on(GuardInput input, Instant at) {
        if (input instanceof GuardInput.Deployment deployment) {
            onDeployment(deployment.event(), at);
        } else if (input instanceof GuardInput.Sample sample) {
            onSample(sample.event(), at);
        } else if (input instanceof GuardInput.Baseline baseline) {
            onBaseline(baseline.baseline(), at);
        } else if (input instanceof GuardInput.Health health) {
            onHealth(health.event(), at);
        }
        return drain();
    }

    /** Expires boosts, concludes validations that are due and purges deployments kept long enough. */
    public List<GuardOutput> tick(Instant now) {
        for (DeploymentState deployment : state.deployments()) {
            switch (deployment.getStatus()) {
                case RUNNING -> expireBoosts(deployment, now);
                case ROLLING_BACK -> {
                    expireBoosts(deployment, now);
                    if (!now.isBefore(deployment.getValidationEndsAt())) {
                        conclude(deployment, now);
                    }
                }
                default -> {
                    if (!now.isBefore(deployment.getEndedAt().plus(settings.retainFinished()))) {
                        purge(deployment);
                    }
                }
            }
        }
        return drain();
    }

    private void onDeployment(DeploymentEvent event, Instant at) {
        Object payload = event.getPayload();
        DeploymentState deployment = state.deployment(event.getDeploymentId()).orElse(null);
        if (payload instanceof DeploymentStarted started) {
            if (deployment == null) {
                state.put(Deployments.started(event, started,
                        Dependents.of(event.getServiceId(), started, state::plan), at));
            }
            return;
        }
        if (deployment == null) {
            return; // its start was never seen: nothing known to guard it with
        }
        deployment.setUpdatedAt(at);
        if (payload instanceof ResourceApplied applied) {
            onResource(deployment, applied);
        } else if (payload instanceof HostStepCompleted step) {
            onStep(deployment, step);
        } else if (payload instanceof DeploymentFailed failed) {
            onFailure(deployment, failed.getReason(), failed.getHostId(), at);
        } else if (payload instanceof DeploymentCompleted completed) {
            if (completed.getSucceeded()) {
                onSuccess(deployment, at);
            } else {
                onFailure(deployment, "completed unsuccessfully", null, at);
            }
        }
        state.put(deployment);
    }

    /**
     * Only a resource that was applied can be blended; a failed one is kept apart, with why, to be reported as
     * skipped, until a retry applies it.
     */
    private static void onResource(DeploymentState deployment, ResourceApplied applied) {
        if (applied.getSucceeded()) {
            List<DeployedResource> resources = new ArrayList<>(deployment.getResources());
            resources.add(applied.getResource());
            deployment.setResources(resources);
            String id = applied.getResource().getResourceId();
            deployment.setFailedResources(deployment.getFailedResources().stream()
                    .filter(failed -> !failed.getResource().getResourceId().equals(id)).toList());
        } else {
            List<FailedResource> failed = new ArrayList<>(deployment.getFailedResources());
            failed.add(new FailedResource(applied.getResource(),
                    applied.getDetail().isBlank() ? "application failed, no detail given" : applied.getDetail()));
            deployment.setFailedResources(failed);
        }
    }

    private void onStep(DeploymentState deployment, HostStepCompleted step) {
        Map<String, Integer> steps = new HashMap<>(deployment.getHostSteps());
        steps.merge(step.getHostId(), step.getStep(), Math::max);
        deployment.setHostSteps(steps);
        deployment.setStepsCompleted(deployment.getStepsCompleted() + 1);
        if (!step.getSucceeded()) {
            labeller.stepFailed(deployment, step.getHostId());
        }
    }

    private void onFailure(DeploymentState deployment, String reason, String hostId, Instant at) {
        if (deployment.getStatus() != DeploymentStatus.RUNNING) {
            return;
        }
        labeller.failed(deployment, hostId);
        deployment.setFailureReason(reason);
        rollback(deployment, at, GuardCommands.BLEND, BlendPlanner.VERSION, Map.of(), Map.of(),
                "deployment failed: " + reason);
    }

    private void onSuccess(DeploymentState deployment, Instant at) {
        if (deployment.getStatus() != DeploymentStatus.RUNNING) {
            return;
        }
        labeller.succeeded(deployment);
        releaseAll(deployment, at, "deployment completed");
        finish(deployment, DeploymentStatus.SUCCEEDED, at);
    }

    private void onSample(TelemetryEvent sample, Instant at) {
        DeploymentState deployment = state.deployment(sample.getDeploymentId()).orElse(null);
        if (deployment == null || deployment.getStatus() != DeploymentStatus.RUNNING) {
            return;
        }
        int knownHosts = deployment.getHosts().size();
        HostRiskState host = host(deployment, sample.getHostId());
        HostRiskTracker.Assessment assessment =
                tracker.onSample(deployment, host, sample, at, () -> peers(deployment, host.getHostId()));
        emitted.addAll(assessment.outputs());
        state.put(host);
        if (assessment.learned()) {
            state.checkpoint(model.checkpoint());
        }
        if (assessment.abort()) {
            abort(deployment, host, at);
        }
        if (assessment.abort() || deployment.getHosts().size() != knownHosts) {
            state.put(deployment); // not per sample: the deployment store is not cached
        }
    }

    private void abort(DeploymentState deployment, HostRiskState host, Instant at) {
        deployment.setAbortedByGuardian(true);
        deployment.setFailureReason(String.format(Locale.ROOT, "guardian abort: host %s held risk %.2f >= %.2f for %s",
                host.getHostId(), host.getLastScore(), settings.abortRisk(), settings.abortAfter()));
        rollback(deployment, at, GuardCommands.GUARDIAN, model.version(),
                Map.of("risk", host.getLastScore()),
                Map.of("abortRisk", settings.abortRisk(), "abortAfterMs", (double) settings.abortAfter().toMillis()),
                deployment.getFailureReason());
    }

    private void onBaseline(HostBaseline baseline, Instant at) {
        DeploymentState deployment = state.deployment(baseline.getFrozenFor()).orElse(null);
        if (deployment == null || deployment.getStatus() != DeploymentStatus.RUNNING) {
            return;
        }
        HostRiskState host = host(deployment, baseline.getHostId());
        host.setBaseline(baseline);
        emitted.addAll(tracker.onBaseline(deployment, host, at));
        state.put(host);
        state.put(deployment);
    }

    private void onHealth(HealthCheckEvent probe, Instant at) {
        state.validating(probe.getServiceId()).flatMap(state::deployment).ifPresent(deployment -> {
            if (rollbacks.count(deployment, probe, at)) {
                state.put(deployment);
            }
        });
    }

    private void rollback(DeploymentState deployment, Instant at, String madeBy, String version,
                          Map<String, Double> inputs, Map<String, Double> thresholds, String why) {
        RollbackCommand command = rollbacks.start(deployment, at, madeBy, version, inputs, thresholds, why);
        state.validate(deployment.getServiceId(), deployment.getDeploymentId());
        emitted.add(new GuardOutput.Rollback(command));
        command.getBlend().stream().filter(decision -> decision.getVerdict() == BlendVerdict.CONFLICT)
                .map(conflict -> GuardCommands.quarantined(deployment, conflict, command.getDecision().getEvidence(), at))
                .forEach(alert -> emitted.add(new GuardOutput.Notice(alert)));
    }

    private void expireBoosts(DeploymentState deployment, Instant now) {
        forEachHost(deployment, host -> tracker.onTick(deployment, host, now));
    }

    /** Validated: allocations are reverted and the blend stands. Not validated: everything stays for a person. */
    private void conclude(DeploymentState deployment, Instant now) {
        boolean validated = rollbacks.validated(deployment);
        emitted.add(new GuardOutput.Notice(commands.validation(deployment, validated, now)));
        if (validated) {
            releaseAll(deployment, now, "rollback validated");
            finish(deployment, Rollbacks.validatedStatus(deployment), now);
        } else {
            finish(deployment, DeploymentStatus.ESCALATED, now);
        }
        if (state.validating(deployment.getServiceId()).filter(deployment.getDeploymentId()::equals).isPresent()) {
            state.stopValidating(deployment.getServiceId());
        }
        state.put(deployment);
    }

    private void purge(DeploymentState deployment) {
        deployment.getHosts().forEach(host -> state.deleteHost(deployment.getDeploymentId(), host));
        state.delete(deployment);
    }

    private void releaseAll(DeploymentState deployment, Instant now, String why) {
        forEachHost(deployment, host -> tracker.release(deployment, host, now, why));
    }

    private void finish(DeploymentState deployment, DeploymentStatus status, Instant at) {
        deployment.setStatus(status);
        deployment.setEndedAt(at);
        deployment.setUpdatedAt(at);
        emitted.add(new GuardOutput.Outcome(deployment));
    }

    private void forEachHost(DeploymentState deployment, Function<HostRiskState, List<GuardOutput>> action) {
        for (String hostId : deployment.getHosts()) {
            state.host(deployment.getDeploymentId(), hostId).ifPresent(host -> {
                List<GuardOutput> outputs = action.apply(host);
                if (!outputs.isEmpty()) {
                    emitted.addAll(outputs);
                    state.put(host);
                }
            });
        }
    }

    private List<HostRiskState> peers(DeploymentState deployment, String hostId) {
        List<HostRiskState> peers = new ArrayList<>();
        for (String peerId : deployment.getHosts()) {
            if (!peerId.equals(hostId)) {
                state.host(deployment.getDeploymentId(), peerId).ifPresent(peers::add);
            }
        }
        return peers;
    }

    /** The host's state in this deployment, created on first sight; a host the deployment did not list joins it. */
    private HostRiskState host(DeploymentState deployment, String hostId) {
        return state.host(deployment.getDeploymentId(), hostId).orElseGet(() -> {
            if (!deployment.getHosts().contains(hostId)) {
                List<String> all = new ArrayList<>(deployment.getHosts());
                all.add(hostId);
                deployment.setHosts(all);
            }
            return Deployments.newHost(deployment.getDeploymentId(), hostId);
        });
    }

    private List<GuardOutput> drain() {
        List<GuardOutput> out = List.copyOf(emitted);
        emitted.clear();
        return out;
    }
}
