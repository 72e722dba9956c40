package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.WorkflowEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdesTest {

    private final Serde<TelemetryEvent> serde = AvroSerdes.bundled().valueSerde();

    static TelemetryEvent sample() {
        return TelemetryEvent.newBuilder()
                .setEventId("e-1").setHostId("host-1").setServiceId("checkout")
                .setTimestamp(Instant.ofEpochMilli(1_700_000_000_000L))
                .setCpuUtilization(0.5).setMemoryUtilization(0.25).setNetworkMbps(10).setLatencyMs(12)
                .setRequestRate(100).setErrorRate(0.01).setKpis(Map.of("queueDepth", 3.0))
                .build();
    }

    @Test
    void shouldWriteConfluentWireFormatWithBundledSchemaId() throws IOException {
        TelemetryEvent event = sample();
        byte[] bytes = serde.serializer().serialize("telemetry.events.v1", event);

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new SpecificDatumWriter<>(TelemetryEvent.class).write(event, encoder);
        encoder.flush();

        assertEquals(0, bytes[0], "magic byte");
        assertEquals(BundledSchemas.idOf(TelemetryEvent.getClassSchema()), ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertArrayEquals(body.toByteArray(), Arrays.copyOfRange(bytes, 5, bytes.length));
    }

    @Test
    void shouldRoundTripSpecificRecord() {
        TelemetryEvent event = sample();
        byte[] bytes = serde.serializer().serialize("t", event);
        assertEquals(event, serde.deserializer().deserialize("t", bytes));
    }

    @Test
    void shouldReadDataWrittenWithV1SchemaUsingCurrentSchema() throws IOException {
        Schema v1 = SchemaHistory.load("TelemetryEvent.v1.avsc");
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(TelemetryEvent.getClassSchema(), v1).getType());

        GenericRecord old = new GenericData.Record(v1);
        TelemetryEvent current = sample();
        v1.getFields().forEach(f -> old.put(f.name(), current.get(f.name())));
        old.put("timestamp", current.getTimestamp().toEpochMilli());


        TelemetryEvent read = serde.deserializer().deserialize("t", SchemaHistory.wire(v1, old));
        assertEquals("host-1", read.getHostId());
        assertEquals(0.5, read.getCpuUtilization());
        assertNull(read.getRegion(), "field added in v2 takes its default");
    }

    @Test
    void shouldReadAWorkflowEventWrittenWithV1BeforeActionSubmittedExisted() throws IOException {
        Schema v1 = SchemaHistory.load("WorkflowEvent.v1.avsc");
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(WorkflowEvent.getClassSchema(), v1).getType());
        Schema started = v1.getField("payload").schema().getTypes().stream()
                .filter(branch -> branch.getName().equals("ActionStarted")).findFirst().orElseThrow();
        GenericRecord payload = new GenericData.Record(started);
        payload.put("actionId", "a-1");
        payload.put("actionType", "align");
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "e-1");
        old.put("workflowId", "wf-1");
        old.put("workflowType", "rnaseq");
        old.put("timestamp", 1_700_000_000_000L);
        old.put("payload", payload);


        Serde<WorkflowEvent> workflows = AvroSerdes.bundled().valueSerde();
        WorkflowEvent read = workflows.deserializer().deserialize("t", SchemaHistory.wire(v1, old));
        assertEquals(new ActionStarted("a-1", "align", null), read.getPayload());
    }

    @Test
    void shouldRoundTripAnActionSubmitted() {
        Serde<WorkflowEvent> workflows = AvroSerdes.bundled().valueSerde();
        WorkflowEvent event = new WorkflowEvent("e-2", "wf-1", "rnaseq", Instant.ofEpochMilli(1_700_000_000_000L),
                new ActionSubmitted("a-1", "align", null));

        assertEquals(event, workflows.deserializer().deserialize("t", workflows.serializer().serialize("t", event)));
    }

    /** {@code record} as an older version of the product wrote it: Confluent framing with that schema's id. */
    @Test
    void shouldRejectUnknownSchemaId() {
        byte[] bytes = serde.serializer().serialize("t", sample());
        ByteBuffer.wrap(bytes).putInt(1, 42);
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", bytes));
    }

    @Test
    void shouldRejectBytesWithoutTheMagicByte() {
        byte[] bytes = serde.serializer().serialize("t", sample());
        bytes[0] = 1;
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", bytes));
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", new byte[] {0, 1}));
    }

    @Test
    void shouldRejectTruncatedBody() {
        byte[] bytes = serde.serializer().serialize("t", sample());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", truncated));
    }

    @Test
    void shouldKeepNullsAsTombstones() {
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", null));
    }

    @Test
    void shouldWriteIndependentBytesForEveryRecord() {
        byte[] first = serde.serializer().serialize("t", sample());
        byte[] copy = first.clone();
        TelemetryEvent other = sample();
        other.setHostId("host-with-a-much-longer-name");
        serde.serializer().serialize("t", other);
        assertArrayEquals(copy, first, "a later serialization must not overwrite an earlier result");
    }
}
