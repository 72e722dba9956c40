package dev.foresight.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.foresight.app.ForesightCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code docker compose config} would check of {@code docker/compose.yaml}, and more, without a Docker engine:
 * the services and their pinned images, ports, dependencies, that the commands parse with the real CLI and
 * name the addresses the other services really listen on. Also that the Dockerfile's user owns its volumes.
 */
class ComposeFileTest {

    private static final Path DOCKER = Path.of("..", "docker");
    private static final String REGISTRY_URL = "http://schema-registry:8080/apis/registry/v2";
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9./-]+:[A-Za-z0-9._-]+");

    private final JsonNode compose = read();

    @Test
    void shouldDefineTheBrokerTheRegistryTheAppAndTheProducers() {
        assertEquals(Set.of("kafka", "schema-registry", "foresight", "producers"), names(compose.get("services")));
        compose.get("services").properties().forEach(service -> {
            String image = service.getValue().path("image").asText();
            assertTrue(IMAGE.matcher(image).matches(), service.getKey() + " has no pinned image: '" + image + "'");
            assertFalse(image.endsWith(":latest"), service.getKey() + " uses :latest");
        });
        assertTrue(service("schema-registry").path("image").asText().startsWith("apicurio/apicurio-registry"));
        assertEquals("true", service("schema-registry").path("environment")
                .path("REGISTRY_CCOMPAT_LEGACY_ID_MODE_ENABLED").asText());
    }

    @Test
    void shouldPublishTheBrokerRegistryAndApiOnDistinctHostPorts() {
        assertEquals(List.of("9094:9094"), ports("kafka"));
        assertEquals(List.of("8081:8080"), ports("schema-registry"));
        assertEquals(List.of("8080:8080"), ports("foresight"));
        assertTrue(ports("producers").isEmpty());
    }

    @Test
    void shouldStartEachServiceAfterWhatItNeedsAndWaitOnlyOnHealthchecksThatExist() {
        assertEquals(Set.of("kafka", "schema-registry"), names(service("foresight").get("depends_on")));
        assertEquals(Set.of("kafka", "schema-registry", "foresight"), names(service("producers").get("depends_on")));
        compose.get("services").properties().forEach(service -> service.getValue().path("depends_on").properties()
                .forEach(dependency -> {
                    String condition = dependency.getValue().path("condition").asText();
                    assertTrue(Set.of("service_started", "service_healthy").contains(condition), condition);
                    if (condition.equals("service_healthy")) {
                        assertTrue(service(dependency.getKey()).has("healthcheck"),
                                service.getKey() + " waits for a healthcheck " + dependency.getKey() + " lacks");
                    }
                }));
    }

    @Test
    void shouldRunCommandsTheCliParsesAgainstTheAddressesTheServicesListenOn() {
        String advertised = service("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText();
        for (String name : List.of("foresight", "producers")) {
            List<String> command = command(name);
            ForesightCli.commandLine().parseArgs(command.toArray(String[]::new));
            assertTrue(advertised.contains("//" + option(command, "--bootstrap-servers")), name + ": " + command);
            assertEquals(REGISTRY_URL, option(command, "--schema-registry-url"), name);
        }
        assertEquals("run", command("foresight").get(0));
        assertEquals("produce", command("producers").get(0));
        assertTrue(command("foresight").contains("--no-simulators"), "the producers service publishes the events");
    }

    @Test
    void shouldDeclareTheNamedVolumesTheServicesMount() {
        Set<String> mounted = new TreeSet<>();
        compose.get("services").forEach(service -> service.path("volumes")
                .forEach(volume -> mounted.add(volume.asText().split(":")[0])));

        assertEquals(Set.of("kafka-data", "foresight-state"), mounted);
        assertEquals(mounted, names(compose.get("volumes")));
    }

    /** A volume Docker creates for a path the image lacks belongs to root; the app runs as its own user. */
    @Test
    void shouldLetTheDockerfilesUserOwnItsVolumes() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
        Matcher volume = Pattern.compile("(?m)^VOLUME (\\S+)$").matcher(dockerfile);
        assertTrue(user.find() && volume.find(), dockerfile);
        String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("FROM "), volume.start());

        assertTrue(runtimeStage.contains("mkdir -p " + volume.group(1)), runtimeStage);
        Matcher chown = Pattern.compile("chown -R " + user.group(1) + ":" + user.group(1) + " (\\S+)")
                .matcher(runtimeStage);
        assertTrue(chown.find() && volume.group(1).startsWith(chown.group(1)), runtimeStage);
        assertTrue(user.start() < volume.start());
        assertTrue(service("foresight").path("volumes").get(0).asText().endsWith(":" + volume.group(1)),
                "compose mounts the state volume where the image declares it");
    }

    private JsonNode service(String name) {
        JsonNode service = compose.get("services").get(name);
        assertTrue(service != null, "no service " + name);
        return service;
    }

    private List<String> ports(String name) {
        List<String> ports = new ArrayList<>();
        service(name).path("ports").forEach(port -> ports.add(port.asText()));
        return ports;
    }

    private List<String> command(String name) {
        List<String> command = new ArrayList<>();
        service(name).path("command").forEach(part -> command.add(part.asText()));
        return command;
    }

    private static String option(List<String> command, String name) {
        int at = command.indexOf(name);
        assertTrue(at >= 0 && at + 1 < command.size(), name + " missing in " + command);
        return command.get(at + 1);
    }

    private static Set<String> names(JsonNode map) {
        Set<String> names = new TreeSet<>();
        if (map != null) {
            map.properties().forEach(field -> names.add(field.getKey()));
        }
        return names;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("compose.yaml").toFile());
        } catch (IOException e) {
            throw new AssertionError("docker/compose.yaml does not parse as YAML", e);
        }
    }
}
