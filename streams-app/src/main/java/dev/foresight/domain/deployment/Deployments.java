package dev.foresight.domain.deployment;

import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.DeploymentStatus;
import dev.foresight.schema.state.HostRiskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;

/** New guardian states, and how host states are keyed. */
public final class Deployments {

    private Deployments() {
    }

    public static DeploymentState started(DeploymentEvent event, DeploymentStarted started, Dependents dependents,
                                          Instant at) {
        return DeploymentState.newBuilder()
                .setDeploymentId(event.getDeploymentId())
                .setServiceId(event.getServiceId())
                .setFromVersion(started.getFromVersion())
                .setToVersion(started.getToVersion())
                .setStartedAt(at)
                .setUpdatedAt(at)
                .setStatus(DeploymentStatus.RUNNING)
                .setHosts(new ArrayList<>(started.getHosts()))
                .setEnvironment(started.getEnvironment())
                .setDependents(new ArrayList<>(dependents.services()))
                .setDependentsFrom(dependents.from())
                .setKnownConfigKeys(new ArrayList<>(started.getKnownConfigKeys()))
                .setHostSteps(new HashMap<>())
                .setResources(new ArrayList<>())
                .setFailedResources(new ArrayList<>())
                .setKeptResources(new ArrayList<>())
                .setQuarantinedResources(new ArrayList<>())
                .build();
    }

    public static HostRiskState newHost(String deploymentId, String hostId) {
        return HostRiskState.newBuilder()
                .setDeploymentId(deploymentId)
                .setHostId(hostId)
                .setMemoryMeans(new ArrayList<>())
                .setRecentFeatures(new ArrayList<>())
                .setLevels(new HashMap<>())
                .build();
    }

    /** Host states of one deployment sort together. */
    public static String hostKey(String deploymentId, String hostId) {
        return deploymentId + "/" + hostId;
    }
}
