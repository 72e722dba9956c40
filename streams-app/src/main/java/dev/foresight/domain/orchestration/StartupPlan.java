package dev.foresight.domain.orchestration;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Services in start order: every service of a group depends only on services of earlier groups, so a
 * group's services can start in parallel once the previous group is healthy. With each planned service's
 * direct dependencies, the graph the groups order, for whoever needs more than the order.
 */
public record StartupPlan(List<List<String>> groups, Map<String, List<String>> dependencies) {

    public StartupPlan {
        groups = groups.stream().map(List::copyOf).toList();
        Map<String, List<String>> sorted = new TreeMap<>();
        dependencies.forEach((service, calls) -> sorted.put(service, List.copyOf(calls)));
        dependencies = Collections.unmodifiableMap(sorted);
    }

    /** What an invalid graph plans: nothing. */
    public static StartupPlan none() {
        return new StartupPlan(List.of(), Map.of());
    }

    /** The groups one after the other. */
    public List<String> order() {
        return groups.stream().flatMap(List::stream).toList();
    }
}
