package dev.foresight.ingest;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.ServiceTopologyEdits;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceKind;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.TelemetryAggregate;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.serde.BundledSchemas;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.Events;
import dev.foresight.topology.TopologyFixture;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single records that used to stop the app (issue #9, 1-5): each is now exactly one dead letter with
 * its reason, and the valid event sent after it is still processed.
 */
class PoisonRecordTest {

    private static final String INVALID_DEFAULT_SCHEMA = """
            {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "int", "default": "one"}]}""";

    @TempDir
    Path stateDir;

    private final AvroSerdes serdes = AvroSerdes.bundled();
    private TopologyFixture fixture;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private TestOutputTopic<String, TelemetryAggregate> aggregates;

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture(stateDir);
        deadLetters = fixture.output(Topics.DEAD_LETTERS);
        aggregates = fixture.output(Topics.TELEMETRY_AGGREGATES);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldDeadLetterAValidRecordOfAnotherTypeOnAnInputTopic() {
        raw(Topics.WORKFLOWS, "host-1", bytes(Events.telemetry("host-1", "svc", START, 0.5).build()));
        raw(Topics.HEALTH, "x", bytes(DeadLetter.newBuilder().setSourceTopic("t").setPartition(0).setOffset(0)
                .setDetectedAt(START).setStage("s").setReason("r").build()));

        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(2, letters.size());
        assertEquals("value is a TelemetryEvent, but workflow.events.v1 carries WorkflowEvent",
                letters.get(0).getReason());
        assertEquals("workflow-validate", letters.get(0).getStage());
        assertEquals("value is a DeadLetter, but health.events.v1 carries HealthCheckEvent", letters.get(1).getReason());
        assertValidTelemetryStillCounted();
    }

    @Test
    void shouldDeadLetterANegativeEventTime() {
        fixture.input(Topics.TELEMETRY).pipeInput("host-1",
                Events.telemetry("host-1", "svc", Instant.ofEpochMilli(-1000), 0.5).build(), START);
        assertTrue(onlyReason().contains("is older than the topic's retention of 604800000 ms"));
        assertValidTelemetryStillCounted();
    }

    @Test
    void shouldAcceptAnOldEditOnACompactedTopicWhichKeepsEveryKeysLatestRecord() {
        ServiceTopologyEvent edit = ServiceTopologyEdits.simulated().edits().get(0);
        assertEquals(Instant.EPOCH, edit.getTimestamp());
        fixture.input(Topics.SERVICE_TOPOLOGY).pipeInput(EventFamilies.topologyKey(edit), edit, START);
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void shouldDeadLetterAnEventFrom1970OnEveryTopic() {
        fixture.input(Topics.WORKFLOWS).pipeInput("wf-1", workflow("wf-1", Instant.EPOCH, "a-1"), START);
        assertTrue(onlyReason().contains("older than the topic's retention"));
    }

    @Test
    void shouldDeadLetterAStringLengthPrefixOfTwoBillionWithoutAllocatingIt() {
        ByteBuffer value = ByteBuffer.allocate(13).put((byte) 0)
                .putInt(BundledSchemas.idOf(TelemetryEvent.getClassSchema()));
        long zigZag = 2_000_000_000L << 1;
        while ((zigZag & ~0x7FL) != 0) {
            value.put((byte) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        value.put((byte) zigZag);
        raw(Topics.TELEMETRY, "host-1", value.array());

        String reason = onlyReason();
        // Avro's SystemLimitException message: the decoder refused the length before allocating
        assertTrue(reason.startsWith("undeserializable: ") && reason.contains("String length 2000000000 exceeds"),
                reason);
        assertValidTelemetryStillCounted();
    }

    @Test
    void shouldDeadLetterAMegabyteStringBeforeItIsReKeyed() {
        String huge = "s".repeat(1_000_000);
        fixture.input(Topics.TELEMETRY).pipeInput("host-1", Events.telemetry("host-1", huge, START, 0.5).build(), START);
        assertTrue(onlyReason().matches("payload of \\d+ bytes exceeds the limit of 262144"));
        assertValidTelemetryStillCounted();
    }

    @Test
    void shouldDeadLetterAnOversizedFieldWithItsPath() {
        fixture.input(Topics.WORKFLOWS).pipeInput("wf-1", workflow("wf-1", START, "a".repeat(100_000)), START);
        assertEquals("payload.actionId has 100000 characters, more than the limit of 1024", onlyReason());
    }

    @Test
    void shouldKeepADeadLetterOfAnOversizedRecordSmall() {
        raw(Topics.TELEMETRY, "k".repeat(5000), new byte[200_000]);
        DeadLetter letter = deadLetters.readValue();
        assertEquals(64 * 1024, letter.getValue().remaining());
        assertEquals(1024, letter.getKey().remaining());
    }

    @Test
    void shouldDeadLetterAVersionPartBeyondInt() {
        deployment(resource().setKind(ResourceKind.DATA_MIGRATION).setMinAppVersion("1.0.99999999999").build());
        assertEquals("resource.minAppVersion '1.0.99999999999' has a part beyond 2147483647", onlyReason());
        assertValidTelemetryStillCounted();
    }

    @Test
    void shouldDeadLetterAnAvroSchemaWithAnInvalidDefault() {
        deployment(resource().setKind(ResourceKind.AVRO_SCHEMA).setAvroSchema(INVALID_DEFAULT_SCHEMA)
                .setPreviousAvroSchema(INVALID_DEFAULT_SCHEMA).build());
        assertTrue(onlyReason().startsWith("resource.avroSchema is not a valid Avro schema: Invalid default"));
        assertValidTelemetryStillCounted();
    }

    @Test
    void shouldDeadLetterTrailingBytesAfterAValidRecord() {
        byte[] valid = bytes(Events.telemetry("host-1", "svc", START, 0.5).build());
        byte[] withTail = java.util.Arrays.copyOf(valid, valid.length + 3);
        raw(Topics.TELEMETRY, "host-1", withTail);
        assertEquals("3 trailing bytes after the Avro record", onlyReason());
    }

    @Test
    void shouldDeadLetterTheSecondCopyOfAnEventId() {
        TelemetryEvent event = Events.telemetry("host-1", "svc", START, 0.5).build();
        fixture.input(Topics.TELEMETRY).pipeInput("host-1", event, START);
        fixture.input(Topics.TELEMETRY).pipeInput("host-1", event, START.plusSeconds(1));
        assertTrue(onlyReason().startsWith("duplicate of event " + event.getEventId()));
        assertEquals(1, latestHostCount());
    }

    @Test
    void shouldNotLetOneFutureStampedEventMakeTheNextOnesLate() {
        var telemetry = fixture.input(Topics.TELEMETRY);
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START.plusSeconds(240), 0.5).build(), START);
        for (int i = 0; i < 80; i++) {
            telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START.plusMillis(100L * i), 0.5).build(), START);
        }
        assertTrue(onlyReason().contains("is more than 30000 ms in the future"));
        assertEquals(80, latestHostCount());
    }

    private void assertValidTelemetryStillCounted() {
        fixture.input(Topics.TELEMETRY).pipeInput("host-ok", Events.telemetry("host-ok", "svc", START, 0.5).build(), START);
        assertTrue(aggregates.readValuesToList().stream().anyMatch(a -> a.getId().equals("host-ok") && a.getCount() == 1));
        assertTrue(deadLetters.isEmpty(), "the valid event is not dead-lettered");
    }

    private long latestHostCount() {
        List<TelemetryAggregate> all = aggregates.readValuesToList();
        return all.stream().filter(a -> a.getId().equals("host-1")).reduce((a, b) -> b).orElseThrow().getCount();
    }

    private String onlyReason() {
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(1, letters.size(), () -> "exactly one dead letter: " + letters);
        assertTrue(letters.get(0).getReason() != null && !letters.get(0).getReason().isBlank());
        return letters.get(0).getReason();
    }

    private void raw(TopicSpec<?> topic, String key, byte[] value) {
        fixture.rawInput(topic).pipeInput(key, value, START);
    }

    private <V extends SpecificRecord> byte[] bytes(V value) {
        Serializer<V> serializer = serdes.<V>valueSerde().serializer();
        return serializer.serialize("any", value);
    }

    private static WorkflowEvent workflow(String workflowId, Instant at, String actionId) {
        return WorkflowEvent.newBuilder().setEventId("e-" + actionId.length() + "-" + at.toEpochMilli())
                .setWorkflowId(workflowId).setWorkflowType("etl").setTimestamp(at)
                .setPayload(new ActionStarted(actionId, "extract", null)).build();
    }

    private static DeployedResource.Builder resource() {
        return DeployedResource.newBuilder().setResourceId("r-1").setVersion("1.5.0").setAttributes(Map.of());
    }

    private void deployment(DeployedResource resource) {
        fixture.input(Topics.DEPLOYMENTS).pipeInput("dep-1", DeploymentEvent.newBuilder().setEventId("d-1")
                .setDeploymentId("dep-1").setServiceId("svc").setTimestamp(START)
                .setPayload(new ResourceApplied(resource, true, "")).build(), START);
    }
}
