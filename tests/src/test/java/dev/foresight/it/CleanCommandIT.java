package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.EmbeddedKafka;
import dev.foresight.app.ForesightCli;
import dev.foresight.app.TopicAdmin;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
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

/** {@code foresight clean} on the embedded broker's persistent data directory. */
class CleanCommandIT {

    private static final String APP = "clean-it";

    @TempDir
    Path dir;

    @Test
    void shouldDeleteWhatResetDeletesAndTheOutputTopicsButKeepTheInputs() throws Exception {
        Path data = dir.resolve("kafka");
        Path appState = Files.createDirectories(dir.resolve("state").resolve(APP).resolve("0_0"));
        String changelog = APP + "-telemetry-host-window-store-changelog";
        try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0, 0); Admin admin = admin(kafka)) {
            new TopicAdmin(admin).createCatalogue((short) 1);
            admin.createTopics(List.of(new NewTopic(changelog, 1, (short) 1))).all().get();
        }

        StringWriter out = new StringWriter();
        int exitCode = ForesightCli.commandLine().setOut(new PrintWriter(out, true)).execute("clean",
                "--data-dir", data.toString(), "--broker-port", "0", "--application-id", APP,
                "--state-dir", dir.resolve("state").toString());

        assertEquals(ForesightCli.OK, exitCode, out.toString());
        assertTrue(out.toString().contains("Cleaned: " + Topics.OUTPUTS.size() + " output topic(s) deleted"),
                out.toString());
        assertFalse(Files.exists(appState.getParent()), "local state still there");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0, 0); Admin admin = admin(kafka)) {
            Set<String> left = admin.listTopics().names().get();
            assertTrue(left.containsAll(names(Topics.INPUTS)), left.toString());
            names(Topics.OUTPUTS).forEach(output -> assertFalse(left.contains(output), output + " in " + left));
            assertFalse(left.contains(changelog), left.toString());
        }
    }

    private static List<String> names(List<TopicSpec<?>> topics) {
        return topics.stream().map(TopicSpec::name).toList();
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }
}
