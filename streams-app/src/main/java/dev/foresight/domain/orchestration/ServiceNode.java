package dev.foresight.domain.orchestration;

import java.util.List;

/** One service of the topology: where it listens, what it calls, where it answers health probes. */
public record ServiceNode(String id, int port, List<String> dependsOn, String healthEndpoint) {

    public ServiceNode {
        dependsOn = List.copyOf(dependsOn);
    }
}
