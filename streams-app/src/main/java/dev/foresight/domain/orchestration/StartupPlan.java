package dev.foresight.domain.orchestration;

import java.util.List;

/**
 * Services in start order: every service of a group depends only on services of earlier groups, so a
 * group's services can start in parallel once the previous group is healthy.
 */
public record StartupPlan(List<List<String>> groups) {

    public StartupPlan {
        groups = groups.stream().map(List::copyOf).toList();
    }

    /** The groups one after the other. */
    public List<String> order() {
        return groups.stream().flatMap(List::stream).toList();
    }
}
