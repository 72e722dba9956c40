package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.foresight.query.explain.ExplanationJson;
import dev.foresight.query.explain.FoundCommand;
import dev.foresight.replay.Difference;
import dev.foresight.replay.ReplayReport;
import dev.foresight.replay.TopicDiff;
import dev.foresight.topics.TopicSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every report the CLI prints with {@code --json} has a published JSON Schema under {@code json-schema/}, and what
 * the command prints validates against it. {@code report --json} is produced and validated in ReportCommandTest.
 */
class JsonReportSchemasTest {

    /** The command (its qualified name) that prints JSON, and the schema its output follows. */
    static final Map<String, String> SCHEMAS = Map.of(
            "report", "/json-schema/demand-report.schema.json",
            "explain", "/json-schema/explanation.schema.json",
            "services plan", "/json-schema/startup-plan.schema.json",
            "replay", "/json-schema/replay-report.schema.json");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldPublishASchemaForEveryCommandWithAJsonOption() throws IOException {
        Map<String, String> withJson = new TreeMap<>();
        collectJsonCommands(ForesightCli.commandLine(), withJson);

        assertEquals(new TreeMap<>(SCHEMAS).keySet(), withJson.keySet());
        for (String resource : SCHEMAS.values()) {
            assertNotNull(schema(resource), resource);
        }
    }

    @Test
    void shouldValidateTheExplanationOfEveryRecordTypeOnTheSearchedTopics() throws IOException {
        JsonSchema schema = schema("/json-schema/explanation.schema.json");
        for (TopicSpec<?> topic : ExplainCommand.SEARCHED) {
            for (SpecificRecord record : randomRecords(topic.valueType(), 5)) {
                JsonNode json = MAPPER.valueToTree(new ExplanationJson(MAPPER).of(
                        new FoundCommand(topic.name(), 1, 17, "k", record)));

                assertEquals(Set.of(), messages(schema, json), topic.name() + ": " + json);
            }
        }
    }

    @Test
    void shouldRefuseAnExplanationWithoutItsDecisionOrWithATimeAsNumber() throws IOException {
        JsonSchema schema = schema("/json-schema/explanation.schema.json");
        SpecificRecord record = randomRecords(ExplainCommand.SEARCHED.get(0).valueType(), 1).get(0);
        ObjectNode json = new ExplanationJson(MAPPER).of(new FoundCommand("allocation.commands.v1", 0, 1, "k", record));
        ((ObjectNode) json.get("command")).remove("decision");
        ObjectNode numericTime = new ExplanationJson(MAPPER).of(
                new FoundCommand("allocation.commands.v1", 0, 1, "k", record));
        ((ObjectNode) numericTime.get("command")).put("issuedAt", 1_700_000_000_000L);

        assertFalse(messages(schema, json).isEmpty());
        assertFalse(messages(schema, numericTime).isEmpty());
    }

    @Test
    void shouldValidateTheStartupPlanPrintedByServicesPlan() throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cli = ForesightCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()));

        assertEquals(ForesightCli.OK, cli.execute("services", "plan", "--json"));
        JsonNode plan = MAPPER.readTree(out.toString());

        assertEquals(Set.of(), messages(schema("/json-schema/startup-plan.schema.json"), plan), out.toString());
        assertEquals("database", plan.get("groups").get(0).get(0).asText());
        assertEquals(4, plan.get("groups").size());
    }

    @Test
    void shouldValidateAReplayReportWithEveryKindOfDifference() throws IOException {
        JsonSchema schema = schema("/json-schema/replay-report.schema.json");
        List<TopicDiff> topics = List.of(new TopicDiff("allocation.commands.v1", 3, 1, 1, 1, List.of(
                new Difference(Difference.CHANGED, "wf/a-1", "RESERVE", "o-1", "r-1", List.of("resources.memoryMb")),
                new Difference(Difference.ONLY_ORIGINAL, "wf/a-2", "RESERVE", "o-2", null, List.of()),
                new Difference(Difference.ONLY_REPLAY, null, "RELEASE", null, "r-3", List.of()))),
                new TopicDiff("rollback.commands.v1", 0, 0, 0, 0, List.of()));
        JsonNode report = MAPPER.valueToTree(new ReplayReport("foresight-replay-20261201-093000",
                "2026-12-01T09:00:00Z", "2026-12-01T09:30:00.123Z", Map.of("workflow.events.v1", 12L), false, topics));

        assertEquals(Set.of(), messages(schema, report), report.toString());
        assertFalse(report.get("identical").asBoolean());
        ((ObjectNode) report).put("from", 1_700_000_000_000L);
        assertFalse(messages(schema, report).isEmpty());
    }

    private static void collectJsonCommands(CommandLine command, Map<String, String> found) {
        if (command.getCommandSpec().findOption("--json") != null) {
            found.put(command.getCommandSpec().qualifiedName(" ").replaceFirst("^\\S+ ", ""), "");
        }
        command.getSubcommands().values().forEach(sub -> collectJsonCommands(sub, found));
    }

    /** Records of every field filled at random (seeded), read back through the generated class. */
    private static List<SpecificRecord> randomRecords(Class<? extends SpecificRecord> type, int count)
            throws IOException {
        Schema schema = SpecificData.get().getSchema(type);
        List<SpecificRecord> records = new ArrayList<>();
        Iterator<Object> random = new RandomData(schema, count, 42L).iterator();
        while (random.hasNext()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<>(schema).write(random.next(), encoder);
            encoder.flush();
            SpecificRecord record = new SpecificDatumReader<SpecificRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
            idField(schema).ifPresent(field -> record.put(field.pos(), "id-" + records.size()));
            records.add(record);
        }
        return records;
    }

    /** Explain finds a record by a non-empty id; a random one may be empty. */
    private static Optional<Schema.Field> idField(Schema schema) {
        return schema.getFields().stream().filter(f -> f.name().endsWith("Id") && f.pos() == 0).findFirst();
    }

    private static Set<String> messages(JsonSchema schema, JsonNode json) {
        return schema.validate(json).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private static JsonSchema schema(String resource) throws IOException {
        try (InputStream in = JsonReportSchemasTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
