package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.schema.events.HealthCheckEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** Probes written before the orchestration fields existed still read, with the defaults. */
class HealthCheckEventEvolutionTest {

    @Test
    void shouldReadAV1ProbeWithTheDefaultsOfTheOrchestrationFields() throws IOException {
        Schema v1 = SchemaHistory.load("HealthCheckEvent.v1.avsc");
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(HealthCheckEvent.getClassSchema(), v1).getType());
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "e-1");
        old.put("serviceId", "auth");
        old.put("instanceId", "auth-1");
        old.put("version", "1.0.0");
        old.put("timestamp", 1_700_000_000_000L);
        old.put("healthy", true);
        old.put("latencyMs", 12.0);
        old.put("dependsOn", List.of("database"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(BundledSchemas.idOf(v1)).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
        encoder.flush();

        Serde<HealthCheckEvent> serde = AvroSerdes.bundled().valueSerde();
        HealthCheckEvent read = serde.deserializer().deserialize("health.events.v1", out.toByteArray());
        assertEquals("auth", read.getServiceId());
        assertEquals("prod", read.getEnvironment());
        assertNull(read.getErrorRate());
        assertNull(read.getSlot());
    }
}
