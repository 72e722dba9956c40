package dev.foresight.topology.deployment;

import dev.foresight.domain.deployment.DeploymentSettings;
import dev.foresight.domain.deployment.Deployments;
import dev.foresight.domain.deployment.GuardCommands;
import dev.foresight.domain.deployment.GuardInput;
import dev.foresight.domain.deployment.GuardOutput;
import dev.foresight.domain.deployment.HostRiskTracker;
import dev.foresight.domain.deployment.RiskAllocationPolicy;
import dev.foresight.domain.deployment.Rollbacks;
import dev.foresight.predict.risk.RiskModel;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.common.DeployedResource;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the deployments of the services of one task: keeps each deployment's state, scores its hosts,
 * adjusts their resources, learns from outcomes, rolls back with a blend, and validates the rollback.
 * One instance and one risk model per stream task (see {@link DeploymentGuardian}).
 */
final class GuardProcessor implements Processor<String, GuardInput, String, GuardOutput> {

    static final String MODEL_KEY = "model";
    private static final Logger LOG = LoggerFactory.getLogger(GuardProcessor.class);

    private final DeploymentSettings settings;
    private final RiskModel model;
    private final GuardCommands commands;
    private final HostRiskTracker tracker;
    private final Rollbacks rollbacks;
    private ProcessorContext<String, GuardOutput> context;
    private KeyValueStore<String, DeploymentState> deployments;
    private KeyValueStore<String, HostRiskState> hosts;
    private KeyValueStore<String, byte[]> models;
    private KeyValueStore<String, String> validations;

    GuardProcessor(DeploymentSettings settings, RiskModel model) {
        this.settings = settings;
        this.model = model;
        RiskAllocationPolicy policy = new RiskAllocationPolicy(settings.allocation());
        this.commands = new GuardCommands(settings, policy);
        this.tracker = new HostRiskTracker(settings, model, policy, commands);
        this.rollbacks = new Rollbacks(settings, commands);
    }

    @Override
    public void init(ProcessorContext<String, GuardOutput> context) {
        this.context = context;
        deployments = context.getStateStore(DeploymentGuardian.STATE_STORE);
        hosts = context.getStateStore(DeploymentGuardian.HOST_STORE);
        models = context.getStateStore(DeploymentGuardian.MODEL_STORE);
        validations = context.getStateStore(DeploymentGuardian.VALIDATION_STORE);
        byte[] checkpoint = models.get(MODEL_KEY);
        if (checkpoint != null) {
            try {
                model.restore(checkpoint);
            } catch (IllegalArgumentException e) {
                // a checkpoint of another feature set: the prior is a better start than failing the task
                LOG.warn("Risk model checkpoint of task {} not restored: {}", context.taskId(), e.getMessage());
            }
        }
        context.schedule(settings.tick(), PunctuationType.STREAM_TIME, this::tick);
    }

    @Override
    public void process(Record<String, GuardInput> record) {
        Instant at = Instant.ofEpochMilli(record.timestamp());
        GuardInput input = record.value();
        if (input instanceof GuardInput.Deployment deployment) {
            onDeployment(deployment.event(), at);
        } else if (input instanceof GuardInput.Sample sample) {
            onSample(sample.event(), at);
        } else if (input instanceof GuardInput.Baseline baseline) {
            onBaseline(baseline.baseline());
        } else if (input instanceof GuardInput.Health health) {
            onHealth(health.event(), at);
        }
    }

    private void onDeployment(DeploymentEvent event, Instant at) {
        Object payload = event.getPayload();
        DeploymentState deployment = deployments.get(event.getDeploymentId());
        if (payload instanceof DeploymentStarted started) {
            if (deployment == null) {
                deployments.put(event.getDeploymentId(), Deployments.started(event, started, at));
            }
            return;
        }
        if (deployment == null) {
            return; // its start was never seen: nothing known to guard it with
        }
        deployment.setUpdatedAt(at);
        if (payload instanceof ResourceApplied applied) {
            List<DeployedResource> resources = new ArrayList<>(deployment.getResources());
            resources.add(applied.getResource());
            deployment.setResources(resources);
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
        deployments.put(deployment.getDeploymentId(), deployment);
    }

    private void onStep(DeploymentState deployment, HostStepCompleted step) {
        Map<String, Integer> steps = new HashMap<>(deployment.getHostSteps());
        steps.merge(step.getHostId(), step.getStep(), Math::max);
        deployment.setHostSteps(steps);
        deployment.setStepsCompleted(deployment.getStepsCompleted() + 1);
        if (!step.getSucceeded() && deployment.getStatus() == DeploymentStatus.RUNNING) {
            learn(deployment, List.of(step.getHostId()), true);
        }
    }

    /**
     * Labels: the failed host's windows of the last label horizon as failures; with no host named, every
     * host's (the version failed everywhere). The other hosts of a failed deployment are not labelled at all: it stopped before they
     * proved themselves either way. A deployment the guardian aborted is not learned from: the outcome
     * the model predicted never happened, and learning it would only confirm the model's own guess.
     */
    private void onFailure(DeploymentState deployment, String reason, String hostId, Instant at) {
        if (deployment.getStatus() != DeploymentStatus.RUNNING) {
            return;
        }
        learn(deployment, hostId == null ? deployment.getHosts() : List.of(hostId), true);
        deployment.setFailureReason(reason);
        rollback(deployment, at, GuardCommands.BLEND, "blend-v1", Map.of(), Map.of(),
                "deployment failed: " + reason);
    }

    private void onSuccess(DeploymentState deployment, Instant at) {
        if (deployment.getStatus() != DeploymentStatus.RUNNING) {
            return;
        }
        learn(deployment, deployment.getHosts(), false);
        releaseAll(deployment, at, "deployment completed");
        finish(deployment, DeploymentStatus.SUCCEEDED, at);
    }

    private void onSample(TelemetryEvent sample, Instant at) {
        DeploymentState deployment = deployments.get(sample.getDeploymentId());
        if (deployment == null || deployment.getStatus() != DeploymentStatus.RUNNING) {
            return;
        }
        int knownHosts = deployment.getHosts().size();
        HostRiskState host = host(deployment, sample.getHostId());
        HostRiskTracker.Assessment assessment =
                tracker.onSample(deployment, host, sample, at, () -> peers(deployment, host.getHostId()));
        assessment.outputs().forEach(out -> forward(out, at));
        hosts.put(Deployments.hostKey(deployment.getDeploymentId(), host.getHostId()), host);
        if (assessment.learned()) {
            models.put(MODEL_KEY, model.checkpoint());
        }
        if (assessment.abort()) {
            deployment.setAbortedByGuardian(true);
            deployment.setFailureReason(String.format(Locale.ROOT, "guardian abort: host %s held risk %.2f >= %.2f for %s",
                    host.getHostId(), host.getLastScore(), settings.abortRisk(), settings.abortAfter()));
            rollback(deployment, at, GuardCommands.GUARDIAN, model.version(),
                    Map.of("risk", host.getLastScore()),
                    Map.of("abortRisk", settings.abortRisk(), "abortAfterMs", (double) settings.abortAfter().toMillis()),
                    deployment.getFailureReason());
        }
        if (assessment.abort() || deployment.getHosts().size() != knownHosts) {
            deployments.put(deployment.getDeploymentId(), deployment); // not per sample: it is not cached
        }
    }

    private void onBaseline(HostBaseline baseline) {
        DeploymentState deployment = deployments.get(baseline.getFrozenFor());
        if (deployment == null || deployment.getStatus() != DeploymentStatus.RUNNING) {
            return;
        }
        HostRiskState host = host(deployment, baseline.getHostId());
        host.setBaseline(baseline);
        hosts.put(Deployments.hostKey(deployment.getDeploymentId(), host.getHostId()), host);
        deployments.put(deployment.getDeploymentId(), deployment);
    }

    private void onHealth(HealthCheckEvent probe, Instant at) {
        String deploymentId = validations.get(probe.getServiceId());
        DeploymentState deployment = deploymentId == null ? null : deployments.get(deploymentId);
        if (deployment != null && rollbacks.count(deployment, probe, at)) {
            deployments.put(deploymentId, deployment);
        }
    }

    private void rollback(DeploymentState deployment, Instant at, String madeBy, String version,
                          Map<String, Double> inputs, Map<String, Double> thresholds, String why) {
        RollbackCommand command = rollbacks.start(deployment, at, madeBy, version, inputs, thresholds, why);
        validations.put(deployment.getServiceId(), deployment.getDeploymentId());
        forward(new GuardOutput.Rollback(command), at);
    }

    private void tick(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        List<DeploymentState> due = new ArrayList<>();
        try (KeyValueIterator<String, DeploymentState> all = deployments.all()) {
            all.forEachRemaining(entry -> due.add(entry.value));
        }
        for (DeploymentState deployment : due) {
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
    }

    private void expireBoosts(DeploymentState deployment, Instant now) {
        forEachHost(deployment, host -> tracker.onTick(deployment, host, now), now);
    }

    /** Validated: allocations are reverted and the blend stands. Not validated: everything stays for a person. */
    private void conclude(DeploymentState deployment, Instant now) {
        boolean validated = rollbacks.validated(deployment);
        forward(new GuardOutput.Notice(commands.validation(deployment, validated, now)), now);
        if (validated) {
            releaseAll(deployment, now, "rollback validated");
            finish(deployment, Rollbacks.validatedStatus(deployment), now);
        } else {
            finish(deployment, DeploymentStatus.ESCALATED, now);
        }
        if (deployment.getDeploymentId().equals(validations.get(deployment.getServiceId()))) {
            validations.delete(deployment.getServiceId());
        }
        deployments.put(deployment.getDeploymentId(), deployment);
    }

    private void purge(DeploymentState deployment) {
        deployment.getHosts().forEach(host -> hosts.delete(Deployments.hostKey(deployment.getDeploymentId(), host)));
        deployments.delete(deployment.getDeploymentId());
    }

    private void releaseAll(DeploymentState deployment, Instant now, String why) {
        forEachHost(deployment, host -> tracker.release(deployment, host, now, why), now);
    }

    private void finish(DeploymentState deployment, DeploymentStatus status, Instant at) {
        deployment.setStatus(status);
        deployment.setEndedAt(at);
        deployment.setUpdatedAt(at);
        forward(new GuardOutput.Outcome(deployment), at);
    }

    private void forEachHost(DeploymentState deployment,
                             Function<HostRiskState, List<GuardOutput>> action, Instant at) {
        for (String hostId : deployment.getHosts()) {
            String key = Deployments.hostKey(deployment.getDeploymentId(), hostId);
            HostRiskState host = hosts.get(key);
            if (host != null) {
                List<GuardOutput> outputs = action.apply(host);
                if (!outputs.isEmpty()) {
                    outputs.forEach(out -> forward(out, at));
                    hosts.put(key, host);
                }
            }
        }
    }

    private void learn(DeploymentState deployment, Collection<String> hostIds, boolean failed) {
        boolean learned = false;
        for (String hostId : hostIds) {
            String key = Deployments.hostKey(deployment.getDeploymentId(), hostId);
            HostRiskState host = hosts.get(key);
            if (host != null && !host.getLabelled()) {
                host.getRecentFeatures().forEach(features ->
                        model.learn(features.stream().mapToDouble(Double::doubleValue).toArray(), failed));
                learned |= !host.getRecentFeatures().isEmpty();
                host.setLabelled(true);
                hosts.put(key, host);
            }
        }
        if (learned) {
            models.put(MODEL_KEY, model.checkpoint());
        }
    }

    private List<HostRiskState> peers(DeploymentState deployment, String hostId) {
        List<HostRiskState> peers = new ArrayList<>();
        for (String peerId : deployment.getHosts()) {
            HostRiskState peer = peerId.equals(hostId) ? null : hosts.get(Deployments.hostKey(deployment.getDeploymentId(), peerId));
            if (peer != null) {
                peers.add(peer);
            }
        }
        return peers;
    }

    /** The host's state in this deployment, created on first sight; a host the deployment did not list joins it. */
    private HostRiskState host(DeploymentState deployment, String hostId) {
        HostRiskState host = hosts.get(Deployments.hostKey(deployment.getDeploymentId(), hostId));
        if (host != null) {
            return host;
        }
        if (!deployment.getHosts().contains(hostId)) {
            List<String> all = new ArrayList<>(deployment.getHosts());
            all.add(hostId);
            deployment.setHosts(all);
        }
        return Deployments.newHost(deployment.getDeploymentId(), hostId);
    }

    private void forward(GuardOutput output, Instant at) {
        context.forward(new Record<>(output.key(), output, at.toEpochMilli()));
    }
}
