package dev.foresight.topology.deployment;

import dev.foresight.domain.deployment.Deployments;
import dev.foresight.domain.deployment.GuardianState;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.HostRiskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The guardian's state in the task's stores (see {@link DeploymentGuardian} for what each holds). */
final class StoreGuardianState implements GuardianState {

    static final String MODEL_KEY = "model";

    private final KeyValueStore<String, DeploymentState> deployments;
    private final KeyValueStore<String, HostRiskState> hosts;
    private final KeyValueStore<String, byte[]> models;
    private final KeyValueStore<String, String> validations;
    private final TimestampedKeyValueStore<String, StartupPlan> plans;

    StoreGuardianState(KeyValueStore<String, DeploymentState> deployments, KeyValueStore<String, HostRiskState> hosts,
                       KeyValueStore<String, byte[]> models, KeyValueStore<String, String> validations,
                       TimestampedKeyValueStore<String, StartupPlan> plans) {
        this.deployments = deployments;
        this.hosts = hosts;
        this.models = models;
        this.validations = validations;
        this.plans = plans;
    }

    @Override
    public Optional<DeploymentState> deployment(String deploymentId) {
        return Optional.ofNullable(deployments.get(deploymentId));
    }

    @Override
    public List<DeploymentState> deployments() {
        List<DeploymentState> all = new ArrayList<>();
        try (KeyValueIterator<String, DeploymentState> it = deployments.all()) {
            it.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    @Override
    public void put(DeploymentState deployment) {
        deployments.put(deployment.getDeploymentId(), deployment);
    }

    @Override
    public void delete(DeploymentState deployment) {
        deployments.delete(deployment.getDeploymentId());
    }

    @Override
    public Optional<HostRiskState> host(String deploymentId, String hostId) {
        return Optional.ofNullable(hosts.get(Deployments.hostKey(deploymentId, hostId)));
    }

    @Override
    public void put(HostRiskState host) {
        hosts.put(Deployments.hostKey(host.getDeploymentId(), host.getHostId()), host);
    }

    @Override
    public void deleteHost(String deploymentId, String hostId) {
        hosts.delete(Deployments.hostKey(deploymentId, hostId));
    }

    @Override
    public Optional<String> validating(String serviceId) {
        return Optional.ofNullable(validations.get(serviceId));
    }

    @Override
    public void validate(String serviceId, String deploymentId) {
        validations.put(serviceId, deploymentId);
    }

    @Override
    public void stopValidating(String serviceId) {
        validations.delete(serviceId);
    }

    @Override
    public Optional<StartupPlan> plan(String environment) {
        return Optional.ofNullable(plans.get(environment)).map(ValueAndTimestamp::value);
    }

    @Override
    public void checkpoint(byte[] model) {
        models.put(MODEL_KEY, model);
    }

    byte[] checkpoint() {
        return models.get(MODEL_KEY);
    }
}
