package dev.foresight.domain.orchestration;

import java.util.List;
import java.util.Map;

/** A loaded service topology: each environment's policy, and the services every environment runs. */
public record ServiceCatalog(Map<String, EnvironmentPolicy> environments, List<ServiceNode> services) {

    public static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    public ServiceCatalog {
        environments = Map.copyOf(environments);
        services = List.copyOf(services);
    }

    public ServiceGraph graph() {
        return ServiceGraph.of(services);
    }
}
