package dev.foresight.producers.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed shape of the simulated fleet: services, their hosts, who calls whom, and which hosts are
 * slow (a hardware fact the evaluation may want to check detectors against).
 */
public final class FleetLayout {

    /** Where the fleet runs: its deployments name it, its probes carry it (the probe field's default). */
    public static final String ENVIRONMENT = "prod";
    private static final List<String> NAMES = List.of("gateway", "checkout", "payments", "catalog", "search",
            "auth", "inventory", "shipping", "pricing", "reviews", "notifications", "recommendations");
    private static final double SLOW_HOST_FRACTION = 0.1;

    private final List<ServiceSpec> services;
    private final Map<String, ServiceSpec> serviceByHost;
    private final Map<String, Double> slowFactorByHost;

    private FleetLayout(List<ServiceSpec> services, Map<String, Double> slowFactorByHost) {
        this.services = List.copyOf(services);
        this.slowFactorByHost = Map.copyOf(slowFactorByHost);
        Map<String, ServiceSpec> byHost = new HashMap<>();
        services.forEach(service -> service.hostIds().forEach(host -> byHost.put(host, service)));
        this.serviceByHost = Map.copyOf(byHost);
    }

    static FleetLayout generate(int serviceCount, int hostsPerService, SimRandom random) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < serviceCount; i++) {
            names.add(i < NAMES.size() ? NAMES.get(i) : "service-" + (i + 1));
        }
        List<ServiceSpec> services = new ArrayList<>();
        List<String> allHosts = new ArrayList<>();
        for (int i = 0; i < serviceCount; i++) {
            List<String> hosts = new ArrayList<>();
            for (int h = 1; h <= hostsPerService; h++) {
                hosts.add(String.format("%s-%02d", names.get(i), h));
            }
            allHosts.addAll(hosts);
            services.add(new ServiceSpec(names.get(i), hosts, dependencies(i, names, random),
                    random.logNormal(120, 0.5), random.between(8, 40)));
        }
        return new FleetLayout(services, slowHosts(allHosts, random));
    }

    /** Calls only go to services later in the list, so the dependency graph has no cycles. */
    private static List<String> dependencies(int index, List<String> names, SimRandom random) {
        List<String> dependsOn = new ArrayList<>();
        for (int j = index + 1; j < names.size() && dependsOn.size() < 3; j++) {
            if (random.chance(index == 0 ? 0.8 : 0.35)) {
                dependsOn.add(names.get(j));
            }
        }
        return dependsOn;
    }

    private static Map<String, Double> slowHosts(List<String> hosts, SimRandom random) {
        List<String> shuffled = random.shuffled(hosts);
        int count = hosts.size() < 4 ? 0 : Math.max(1, (int) Math.round(hosts.size() * SLOW_HOST_FRACTION));
        Map<String, Double> slow = new LinkedHashMap<>();
        shuffled.subList(0, count).forEach(host -> slow.put(host, random.between(1.5, 2.2)));
        return slow;
    }

    public List<ServiceSpec> services() {
        return services;
    }

    public ServiceSpec serviceOf(String hostId) {
        return serviceByHost.get(hostId);
    }

    public ServiceSpec service(String serviceId) {
        return services.stream().filter(service -> service.serviceId().equals(serviceId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + serviceId));
    }

    /** Hosts that run hotter and slower than their peers, with how much slower. */
    public Map<String, Double> slowHosts() {
        return slowFactorByHost;
    }

    double slowFactor(String hostId) {
        return slowFactorByHost.getOrDefault(hostId, 1.0);
    }

    /** Services that call {@code serviceId}. */
    public List<String> dependentsOf(String serviceId) {
        return services.stream().filter(service -> service.dependsOn().contains(serviceId))
                .map(ServiceSpec::serviceId).toList();
    }

    public List<String> allHosts() {
        return services.stream().flatMap(service -> service.hostIds().stream()).toList();
    }
}
