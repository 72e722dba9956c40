package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.EmbeddedKafka;
import dev.foresight.app.ForesightCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foresight reset} on the embedded broker's persistent data directory. */
class ResetCommandIT {

    private static final String APP = "reset-it";

    @TempDir
    Path dir;

    @Test
    void shouldDeleteOnlyTheInternalTopicsOfTheTopologyAndLocalState() throws Exception {
        Path data = dir.resolve("kafka");
        Path appState = Files.createDirectories(dir.resolve("state").resolve(APP).resolve("0_0"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0, 0); Admin admin = admin(kafka)) {
            admin.createTopics(List.of(topic(APP + "-telemetry-host-window-store-changelog"),
                    topic(APP + "-telemetry-by-service-repartition"), topic(APP + "-notes"),
                    topic(APP + "-x-store-changelog"), topic(APP + "-x-repartition"),
                    topic("other-app-x-changelog"))).all().get();
        }

        StringWriter out = new StringWriter();
        int exitCode = ForesightCli.commandLine().setOut(new PrintWriter(out, true)).execute("reset",
                "--data-dir", data.toString(), "--broker-port", "0", "--application-id", APP,
                "--state-dir", dir.resolve("state").toString());

        assertEquals(ForesightCli.OK, exitCode, out.toString());
        assertFalse(Files.exists(appState.getParent()), "local state still there");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0, 0); Admin admin = admin(kafka)) {
            Set<String> left = admin.listTopics().names().get();
            // named like internal topics of the app, but no store or repartition of its topology
            assertTrue(left.containsAll(Set.of(APP + "-notes", APP + "-x-store-changelog", APP + "-x-repartition",
                    "other-app-x-changelog")), left.toString());
            assertFalse(left.contains(APP + "-telemetry-host-window-store-changelog"), left.toString());
            assertFalse(left.contains(APP + "-telemetry-by-service-repartition"), left.toString());
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    private static NewTopic topic(String name) {
        return new NewTopic(name, 1, (short) 1);
    }
}
