package dev.foresight.domain.orchestration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Who depends on whom. Built from any set of services, valid or not: {@link #problems()} names unknown
 * dependencies and cycles, and {@link #plan()} refuses to plan while there are any.
 */
public final class ServiceGraph {

    private final Map<String, ServiceNode> services = new TreeMap<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();

    private ServiceGraph(Collection<ServiceNode> nodes) {
        nodes.forEach(node -> services.put(node.id(), node));
        services.keySet().forEach(id -> dependents.put(id, new TreeSet<>()));
        services.values().forEach(node -> node.dependsOn().stream().filter(services::containsKey)
                .forEach(dependency -> dependents.get(dependency).add(node.id())));
    }

    public static ServiceGraph of(Collection<ServiceNode> nodes) {
        return new ServiceGraph(nodes);
    }

    /** The graph a plan orders, from its services' direct dependencies (ports and endpoints unknown). */
    public static ServiceGraph of(Map<String, List<String>> dependencies) {
        return new ServiceGraph(dependencies.entrySet().stream()
                .map(e -> new ServiceNode(e.getKey(), 0, e.getValue(), "")).toList());
    }

    public boolean contains(String serviceId) {
        return services.containsKey(serviceId);
    }

    public Set<String> services() {
        return services.keySet();
    }

    public Optional<ServiceNode> service(String serviceId) {
        return Optional.ofNullable(services.get(serviceId));
    }

    /** Unknown dependencies and cycles, each naming the services involved; empty when the graph can be planned. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        services.values().forEach(node -> node.dependsOn().stream().filter(d -> !services.containsKey(d))
                .forEach(d -> problems.add(node.id() + " depends on " + d + ", which is not defined")));
        findCycle().ifPresent(cycle -> problems.add("dependency cycle: " + String.join(" -> ", cycle)));
        return problems;
    }

    /** Kahn's algorithm by levels: a group holds every service whose dependencies all started in earlier groups. */
    public StartupPlan plan() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidTopologyException(problems);
        }
        Map<String, Integer> waitingFor = new HashMap<>();
        services.values().forEach(node -> waitingFor.put(node.id(), node.dependsOn().size()));
        List<List<String>> groups = new ArrayList<>();
        List<String> ready = waitingFor.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey)
                .sorted().toList();
        while (!ready.isEmpty()) {
            groups.add(ready);
            Set<String> next = new TreeSet<>();
            for (String started : ready) {
                for (String dependent : dependents.get(started)) {
                    if (waitingFor.merge(dependent, -1, Integer::sum) == 0) {
                        next.add(dependent);
                    }
                }
            }
            ready = List.copyOf(next);
        }
        Map<String, List<String>> dependencies = new TreeMap<>();
        services.values().forEach(node -> dependencies.put(node.id(), node.dependsOn()));
        return new StartupPlan(groups, dependencies);
    }

    /** Every service that calls {@code serviceId}, directly or through others. */
    public Set<String> dependentsOf(String serviceId) {
        return closure(serviceId, id -> dependents.getOrDefault(id, Set.of()));
    }

    /** Every service {@code serviceId} calls, directly or through others. */
    public Set<String> dependenciesOf(String serviceId) {
        return closure(serviceId, id -> Optional.ofNullable(services.get(id))
                .map(node -> Set.copyOf(node.dependsOn())).orElse(Set.of()));
    }

    /** The services that call {@code serviceId} directly. */
    public Set<String> directDependentsOf(String serviceId) {
        return Set.copyOf(dependents.getOrDefault(serviceId, Set.of()));
    }

    private static Set<String> closure(String start, Function<String, Set<String>> next) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(next.apply(start));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!id.equals(start) && seen.add(id)) {
                todo.addAll(next.apply(id));
            }
        }
        return seen;
    }

    private Optional<List<String>> findCycle() {
        Map<String, Integer> colour = new HashMap<>();
        for (String id : services.keySet()) {
            Optional<List<String>> cycle = visit(id, colour, new LinkedHashSet<>());
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    /** Depth-first: a dependency found on the current path closes a cycle, reported from its first service. */
    private Optional<List<String>> visit(String id, Map<String, Integer> colour, LinkedHashSet<String> path) {
        if (path.contains(id)) {
            List<String> onPath = new ArrayList<>(path);
            List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(id), onPath.size()));
            cycle.add(id);
            return Optional.of(cycle);
        }
        if (colour.getOrDefault(id, 0) == 1 || !services.containsKey(id)) {
            return Optional.empty();
        }
        path.add(id);
        for (String dependency : services.get(id).dependsOn()) {
            Optional<List<String>> cycle = visit(dependency, colour, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(id);
        colour.put(id, 1);
        return Optional.empty();
    }
}
