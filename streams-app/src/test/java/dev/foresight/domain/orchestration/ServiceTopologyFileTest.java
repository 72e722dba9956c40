package dev.foresight.domain.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceTopologyFileTest {

    private static String resource(String path) throws IOException {
        try (InputStream in = ServiceTopologyFileTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldLoadTheShippedExampleWithItsThreeEnvironments() throws IOException {
        ServiceCatalog catalog = ServiceTopologyFile.parse(resource("/orchestration/services.yaml"));
        assertEquals(Set.of("dev", "staging", "prod"), catalog.environments().keySet());
        assertEquals(List.of("database", "auth", "backend", "bot", "frontend"), catalog.graph().plan().order());
        EnvironmentPolicy dev = catalog.environments().get("dev");
        assertEquals(0.99, dev.slaTarget());
        assertEquals(Duration.ofSeconds(1), dev.recovery().backoff().base());
        assertEquals(3, dev.recovery().backoff().maxAttempts());
        assertEquals(2, dev.greenHealthyChecks());
        assertEquals(Duration.ofSeconds(20), catalog.environments().get("prod").breaker().openFor());
    }

    @Test
    void shouldReportEveryInconsistencyOfTheSeedAsWritten() throws IOException {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                () -> ServiceTopologyFile.parse(resource("/orchestration/seed-as-written.yaml")));
        assertEquals(List.of("services auth and bot share port 8002",
                "startupOrder names xp, which is not a defined service"), e.problems());
    }

    @Test
    void shouldReportUnknownDependenciesOrderViolationsAndBadPortsTogether() {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> ServiceTopologyFile.parse("""
                services:
                  web: {port: 80, dependencies: [api, cache]}
                  api: {port: 99999, dependencies: []}
                startupOrder: [web, api]
                """));
        assertEquals(List.of("service api: port must be an integer in 1..65535, got 99999",
                "web depends on cache, which is not defined",
                "startupOrder starts web before api, which it depends on"), e.problems());
    }

    @Test
    void shouldReportUnknownKeysAndEnvironments() {
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> ServiceTopologyFile.parse("""
                environments:
                  qa: {}
                  prod: {slaTarget: 1.5}
                services:
                  web: {port: 80, helthEndpoint: /}
                """));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().contains("environment qa is not one of [dev, staging, prod]"));
        assertTrue(e.problems().contains("environment prod: slaTarget must be in (0, 1], got 1.5"));
        assertTrue(e.problems().get(0).startsWith("service web: unknown key 'helthEndpoint'"), e.problems().get(0));
    }

    @Test
    void shouldReportACycleAndMalformedYaml() {
        InvalidTopologyException cycle = assertThrows(InvalidTopologyException.class, () -> ServiceTopologyFile.parse(
                "services: {a: {port: 1, dependencies: [b]}, b: {port: 2, dependencies: [a]}}"));
        assertEquals(List.of("dependency cycle: a -> b -> a"), cycle.problems());
        InvalidTopologyException yaml = assertThrows(InvalidTopologyException.class,
                () -> ServiceTopologyFile.parse("services: [unclosed"));
        assertTrue(yaml.getMessage().startsWith("not valid YAML"), yaml.getMessage());
    }
}
