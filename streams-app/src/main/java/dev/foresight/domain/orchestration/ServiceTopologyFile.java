package dev.foresight.domain.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a service topology from YAML and checks it whole. Every problem is reported, each naming the
 * services or keys involved: a missing or shared port, an unknown dependency, a cycle, a declared
 * {@code startupOrder} that names unknown services, misses some or contradicts the dependencies, an
 * unknown environment or key. Nothing is guessed: a file with a problem is not loaded.
 *
 * <pre>
 * environments:
 *   prod: {slaTarget: 0.999, restart: {baseDelayMs: 2000, maxDelayMs: 60000, maxAttempts: 5},
 *          breaker: {failureRate: 0.5, openMs: 20000}, blueGreen: {healthyChecks: 3, revertWindowMs: 300000},
 *          healthWeights: {check: 0.4, latency: 0.2, errors: 0.25, resources: 0.15}}
 * services:
 *   database: {port: 5432, dependencies: [], healthEndpoint: /health}
 * startupOrder: [database, ...]      # optional; checked against the dependencies
 * </pre>
 */
public final class ServiceTopologyFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_KEYS = Set.of("environments", "services", "startupOrder");
    private static final Set<String> SERVICE_KEYS = Set.of("port", "dependencies", "healthEndpoint");
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("slaTarget", "restart", "breaker", "blueGreen",
            "healthWeights");

    private final List<String> problems = new ArrayList<>();

    private ServiceTopologyFile() {
    }

    public static ServiceCatalog load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws InvalidTopologyException listing every problem found */
    public static ServiceCatalog parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidTopologyException(List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        return new ServiceTopologyFile().read(root);
    }

    private ServiceCatalog read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidTopologyException(List.of("expected a mapping with 'services' at the top"));
        }
        unknownKeys("top level", root, TOP_KEYS);
        List<ServiceNode> services = services(root.path("services"));
        Map<String, EnvironmentPolicy> environments = environments(root.path("environments"));
        ServiceGraph graph = ServiceGraph.of(services);
        problems.addAll(graph.problems());
        sharedPorts(services);
        if (root.has("startupOrder")) {
            declaredOrder(root.get("startupOrder"), graph);
        }
        if (!problems.isEmpty()) {
            throw new InvalidTopologyException(problems);
        }
        return new ServiceCatalog(environments, services);
    }

    private List<ServiceNode> services(JsonNode node) {
        List<ServiceNode> services = new ArrayList<>();
        if (!node.isObject() || node.isEmpty()) {
            problems.add("'services' must map at least one service name to its definition");
            return services;
        }
        node.properties().forEach(e -> service(e.getKey(), e.getValue()).ifPresent(services::add));
        return services;
    }

    private Optional<ServiceNode> service(String id, JsonNode node) {
        if (!node.isObject()) {
            problems.add("service " + id + ": expected a mapping with port, dependencies, healthEndpoint");
            return Optional.empty();
        }
        unknownKeys("service " + id, node, SERVICE_KEYS);
        JsonNode port = node.path("port");
        if (!port.canConvertToInt() || !port.isIntegralNumber() || port.asInt() < 1 || port.asInt() > 65535) {
            problems.add("service " + id + ": port must be an integer in 1..65535, got "
                    + (port.isMissingNode() ? "nothing" : port.toString()));
        }
        List<String> dependencies = strings("service " + id + " dependencies", node.path("dependencies"));
        String endpoint = node.path("healthEndpoint").asText("/health");
        return Optional.of(new ServiceNode(id, port.asInt(), dependencies, endpoint));
    }

    private void sharedPorts(List<ServiceNode> services) {
        Map<Integer, List<String>> byPort = new LinkedHashMap<>();
        services.forEach(s -> byPort.computeIfAbsent(s.port(), p -> new ArrayList<>()).add(s.id()));
        byPort.forEach((port, ids) -> {
            if (ids.size() > 1) {
                problems.add("services " + String.join(" and ", ids) + " share port " + port);
            }
        });
    }

    private void declaredOrder(JsonNode node, ServiceGraph graph) {
        List<String> order = strings("startupOrder", node);
        order.stream().filter(id -> !graph.contains(id)).forEach(id ->
                problems.add("startupOrder names " + id + ", which is not a defined service"));
        graph.services().stream().filter(id -> !order.contains(id)).forEach(id ->
                problems.add("startupOrder leaves out " + id));
        for (int i = 0; i < order.size(); i++) {
            String id = order.get(i);
            List<String> before = order.subList(0, i);
            graph.service(id).ifPresent(s -> s.dependsOn().stream()
                    .filter(d -> graph.contains(d) && order.contains(d) && !before.contains(d))
                    .forEach(d -> problems.add("startupOrder starts " + id + " before " + d + ", which it depends on")));
        }
    }

    private Map<String, EnvironmentPolicy> environments(JsonNode node) {
        Map<String, EnvironmentPolicy> environments = new HashMap<>();
        if (node.isMissingNode()) {
            ServiceCatalog.ENVIRONMENTS.forEach(env -> environments.put(env, EnvironmentPolicy.defaults()));
            return environments;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!ServiceCatalog.ENVIRONMENTS.contains(e.getKey())) {
                problems.add("environment " + e.getKey() + " is not one of " + ServiceCatalog.ENVIRONMENTS);
                continue;
            }
            try {
                environments.put(e.getKey(), environment(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException bad) {
                problems.add("environment " + e.getKey() + ": " + bad.getMessage());
            }
        }
        return environments;
    }

    private EnvironmentPolicy environment(String name, JsonNode node) {
        unknownKeys("environment " + name, node, ENVIRONMENT_KEYS);
        EnvironmentPolicy p = EnvironmentPolicy.defaults();
        p = p.withSlaTarget(node.path("slaTarget").asDouble(p.slaTarget()));
        JsonNode restart = node.path("restart");
        Backoff b = p.recovery().backoff();
        p = p.withBackoff(millis(restart, "baseDelayMs", b.base()), millis(restart, "maxDelayMs", b.cap()),
                restart.path("maxAttempts").asInt(b.maxAttempts()));
        JsonNode breaker = node.path("breaker");
        p = p.withBreaker(breaker.path("failureRate").asDouble(p.breaker().failureRate()),
                millis(breaker, "openMs", p.breaker().openFor()));
        JsonNode blueGreen = node.path("blueGreen");
        p = p.withBlueGreen(blueGreen.path("healthyChecks").asInt(p.greenHealthyChecks()),
                millis(blueGreen, "revertWindowMs", p.revertWindow()));
        Map<String, Double> weights = new HashMap<>();
        node.path("healthWeights").properties().forEach(w -> weights.put(w.getKey(), w.getValue().asDouble()));
        return p.withWeights(p.weights().with(weights));
    }

    private static Duration millis(JsonNode node, String key, Duration fallback) {
        return node.has(key) ? Duration.ofMillis(node.get(key).asLong()) : fallback;
    }

    private List<String> strings(String what, JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            problems.add(what + ": expected a list of service names, got " + node);
            return values;
        }
        node.forEach(item -> values.add(item.asText()));
        return values;
    }

    private void unknownKeys(String where, JsonNode node, Set<String> known) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add(where + ": unknown key '" + key + "', expected one of " + known);
            }
        });
    }
}
