package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.app.ForesightCli;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight replay --from} on a real broker: the app reserves for two submitted actions of one workflow; a
 * replay of that history with the same settings issues the same commands, one with another headroom issues
 * changed ones, and neither leaves a topic behind unless kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayHistoryIT {

    /**
     * One workflow, so its actions reach the reservation pool in the same order in both runs: records of
     * different partitions may meet a shared store in another order in a replay, and a reservation records the
     * pool's use it saw.
     */
    private static final String WORKFLOW = "wf-r1";
    private static final List<String> ACTIONS = List.of("a-1", "a-2");

    private final ObjectMapper mapper = new ObjectMapper();
    @TempDir
    static Path dir;

    private RunningApp app;
    private String bootstrapServers;
    private Instant from;

    /** Two workflows, each with one submitted action, and the app's reservations for them. */
    @BeforeAll
    void runTheAppOnTwoWorkflows() throws Exception {
        app = RunningApp.start(dir, "replay-it");
        bootstrapServers = app.bootstrapServers();
        // API events are stamped with the wall clock: the replay starts just before the first
        from = Instant.now().minusSeconds(1);
        app.create(WORKFLOW, "etl");
        for (String action : ACTIONS) {
            app.submit(WORKFLOW, action, "extract");
        }
        awaitReservations();
    }

    @AfterAll
    void stopApp() throws Exception {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void shouldIssueTheSameCommandsWithTheSameSettingsAndLeaveNothingBehind() throws Exception {
        JsonNode report = replay("replay-it-same");

        JsonNode allocations = topic(report, Topics.ALLOCATIONS.name());
        assertTrue(allocations.get("matched").asInt() >= ACTIONS.size(), report.toPrettyString());
        assertTrue(report.get("identical").asBoolean(), report.toPrettyString());
        assertTrue(report.get("inputRecords").get(Topics.WORKFLOWS.name()).asLong() >= 1 + ACTIONS.size(), report.toPrettyString());
        assertEquals(Set.of(), topicsStartingWith("replay-it-same"));
    }

    @Test
    void shouldShowChangedReservationsUnderAnotherHeadroomAndRefuseItsIdWhileKept() throws Exception {
        Path config = Files.writeString(dir.resolve("headroom.properties"), "foresight.workflow.allocation.headroom=0.9\n");

        JsonNode report = replay("replay-it-headroom", "--config", config.toString(), "--keep");

        JsonNode allocations = topic(report, Topics.ALLOCATIONS.name());
        assertTrue(allocations.get("changed").asInt() >= ACTIONS.size(), report.toPrettyString());
        assertEquals(0, allocations.get("matched").asInt(), report.toPrettyString());
        JsonNode first = allocations.get("differences").get(0);
        assertEquals("RESERVE", first.get("type").asText(), report.toPrettyString());
        assertTrue(first.get("fields").toString().contains("decision.thresholds"), report.toPrettyString());
        assertTrue(topicsStartingWith("replay-it-headroom")
                .contains("replay-it-headroom." + Topics.ALLOCATIONS.name()));
        StringWriter err = new StringWriter();
        int clash = ForesightCli.commandLine().setErr(new PrintWriter(err, true)).execute("replay", "--from",
                from.toString(), "--replay-id", "replay-it-headroom", "--bootstrap-servers", bootstrapServers);
        assertEquals(ForesightCli.USAGE, clash, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("foresight replay: replay id 'replay-it-headroom' is already in use"),
                err.toString());
    }

    private JsonNode replay(String replayId, String... more) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("replay", "--from", from.toString(), "--json",
                "--replay-id", replayId, "--bootstrap-servers", bootstrapServers,
                "--state-dir", dir.resolve("replay-state").toString(), "--timeout", "2m"));
        args.addAll(List.of(more));

        int code = ForesightCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));

        assertEquals(ForesightCli.OK, code, out + "\n" + err);
        JsonNode report = mapper.readTree(out.toString());
        assertEquals(replayId, report.get("replayId").asText());
        return report;
    }

    private static JsonNode topic(JsonNode report, String name) {
        return StreamSupport.stream(report.get("topics").spliterator(), false)
                .filter(t -> t.get("topic").asText().equals(name)).findFirst().orElseThrow();
    }

    private Set<String> topicsStartingWith(String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            return Set.copyOf(admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).toList());
        }
    }

    private void awaitReservations() {
        try (TopicReader<AllocationCommand> allocations = new TopicReader<>(bootstrapServers,
                Topics.ALLOCATIONS.name(), AvroSerdes.bundled().<AllocationCommand>valueSerde().deserializer())) {
            Predicate<List<ConsumerRecord<String, AllocationCommand>>> both = records -> records.stream()
                    .map(ConsumerRecord::value).filter(c -> c.getAction() == AllocationAction.RESERVE)
                    .map(AllocationCommand::getTarget).toList()
                    .containsAll(ACTIONS.stream().map(action -> WORKFLOW + "/" + action).toList());
            allocations.readUntil(both, RunningApp.TIMEOUT);
        }
    }
}
