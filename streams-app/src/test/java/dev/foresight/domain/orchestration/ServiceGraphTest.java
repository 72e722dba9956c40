package dev.foresight.domain.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceGraphTest {

    private static ServiceNode node(String id, String... dependsOn) {
        return new ServiceNode(id, 1, List.of(dependsOn), "/health");
    }

    private static final ServiceGraph SEED = ServiceGraph.of(List.of(node("database"), node("auth", "database"),
            node("backend", "database", "auth"), node("bot", "backend", "auth"), node("frontend", "backend", "auth")));

    @Test
    void shouldGroupServicesWhoseDependenciesStartedInEarlierGroups() {
        assertEquals(List.of(List.of("database"), List.of("auth"), List.of("backend"), List.of("bot", "frontend")),
                SEED.plan().groups());
        assertEquals(List.of("database", "auth", "backend", "bot", "frontend"), SEED.plan().order());
    }

    @Test
    void shouldStartIndependentServicesInTheSameGroup() {
        ServiceGraph g = ServiceGraph.of(List.of(node("a"), node("b"), node("c", "a", "b"), node("d", "a")));
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), g.plan().groups());
    }

    @Test
    void shouldFindDependentsTransitively() {
        assertEquals(Set.of("auth", "backend", "bot", "frontend"), SEED.dependentsOf("database"));
        assertEquals(Set.of("bot", "frontend"), SEED.dependentsOf("backend"));
        assertEquals(Set.of(), SEED.dependentsOf("frontend"));
        assertEquals(Set.of("database", "auth", "backend"), SEED.dependenciesOf("bot"));
        assertEquals(Set.of("auth", "backend"), SEED.directDependentsOf("database"));
    }

    @Test
    void shouldRefuseToPlanAnUnknownDependencyNamingBothServices() {
        ServiceGraph g = ServiceGraph.of(List.of(node("backend"), node("bot", "backend", "xp")));
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, g::plan);
        assertEquals(List.of("bot depends on xp, which is not defined"), e.problems());
    }

    @Test
    void shouldNameTheServicesOfACycle() {
        ServiceGraph g = ServiceGraph.of(List.of(node("a", "c"), node("b", "a"), node("c", "b"), node("d", "a")));
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, g::plan);
        assertEquals(List.of("dependency cycle: a -> c -> b -> a"), e.problems());
    }

    @Test
    void shouldStopAtACycleWhenCollectingDependents() {
        ServiceGraph g = ServiceGraph.of(List.of(node("a", "b"), node("b", "a")));
        assertEquals(Set.of("b"), g.dependentsOf("a"));
    }
}
