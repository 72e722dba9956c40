package dev.foresight.ingest;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.TelemetryAggregate;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.Events;
import dev.foresight.topology.TopologyFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestStageTest {

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, TelemetryEvent> telemetry;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private TestOutputTopic<String, TelemetryAggregate> aggregates;

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture(stateDir);
        telemetry = fixture.input(Topics.TELEMETRY);
        raw = fixture.rawInput(Topics.TELEMETRY);
        deadLetters = fixture.output(Topics.DEAD_LETTERS);
        aggregates = fixture.output(Topics.TELEMETRY_AGGREGATES);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldDeadLetterUndeserializableBytesWithCoordinatesAndOriginalBytes() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        raw.pipeInput("host-1", garbage);

        DeadLetter letter = deadLetters.readValue();
        assertEquals("telemetry.events.v1", letter.getSourceTopic());
        assertEquals(0, letter.getOffset());
        assertEquals("telemetry-validate", letter.getStage());
        assertTrue(letter.getReason().startsWith("undeserializable"), letter.getReason());
        assertArrayEquals(garbage, bytes(letter.getValue()));
        assertTrue(aggregates.isEmpty());
    }

    @Test
    void shouldDeadLetterNaNUsage() {
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START, Double.NaN).build());
        assertTrue(deadLetters.readValue().getReason().contains("cpuUtilization is not a finite number"));
    }

    @Test
    void shouldDeadLetterNegativeAndAbsurdValues() {
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START, 0.5).setRequestRate(-3).build());
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START, 0.5).setLatencyMs(1e12).build());
        List<String> reasons = deadLetters.readValuesToList().stream().map(DeadLetter::getReason).toList();
        assertEquals(2, reasons.size());
        assertTrue(reasons.get(0).contains("requestRate -3.0 is outside"), reasons.get(0));
        assertTrue(reasons.get(1).contains("latencyMs"), reasons.get(1));
    }

    @Test
    void shouldDeadLetterMissingIdsAndKeyMismatch() {
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "", START, 0.5).build());
        telemetry.pipeInput("host-9", Events.telemetry("host-1", "svc", START, 0.5).build());
        List<String> reasons = deadLetters.readValuesToList().stream().map(DeadLetter::getReason).toList();
        assertEquals(List.of("serviceId is missing", "key 'host-9' does not match telemetry id 'host-1'"), reasons);
    }

    @Test
    void shouldDeadLetterFarFutureTimestamps() {
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START.plus(Duration.ofDays(2)), 0.5).build());
        assertTrue(deadLetters.readValue().getReason().contains("in the future"));
    }

    @Test
    void shouldDeadLetterTelemetryLaterThanAllowedInsteadOfDroppingIt() {
        fixture.clockAt(START.plusSeconds(100));
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START.plusSeconds(100), 0.5).build());
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START.plusSeconds(80), 0.5).build());
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START.plusSeconds(10), 0.5).build());
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(1, letters.size(), "20 s out of order is within the 30 s allowed");
        assertEquals("late by 90000 ms, more than the allowed 30000 ms", letters.get(0).getReason());
    }

    @Test
    void shouldDeadLetterOversizedPayloadWithoutReadingIt() {
        byte[] huge = new byte[IngestSettings.defaults().maxPayloadBytes() + 1];
        raw.pipeInput("host-1", huge);
        DeadLetter letter = deadLetters.readValue();
        assertTrue(letter.getReason().contains("exceeds the limit"), letter.getReason());
        assertEquals(64 * 1024, letter.getValue().remaining(), "kept bytes are truncated");
    }

    @Test
    void shouldKeepProcessingValidEventsAfterBadOnes() {
        raw.pipeInput("host-1", new byte[] {0, 0, 0, 0, 1, 2});
        telemetry.pipeInput("host-1", Events.telemetry("host-1", "svc", START, 0.5).build());
        assertEquals(1, deadLetters.readValuesToList().size());
        assertTrue(aggregates.readValuesToList().stream().anyMatch(a -> a.getCount() == 1));
    }

    @Test
    void shouldDeadLetterADeploymentStartInAnEnvironmentThatDoesNotExist() {
        DeploymentEvent start = DeploymentEvent.newBuilder().setEventId("e-1").setDeploymentId("dep-1")
                .setServiceId("checkout").setTimestamp(START)
                .setPayload(DeploymentStarted.newBuilder().setFromVersion("1.0.0").setToVersion("1.1.0")
                        .setHosts(List.of("h1")).setEnvironment("qa").build()).build();
        fixture.input(Topics.DEPLOYMENTS).pipeInput("dep-1", start, START);

        assertEquals("environment 'qa' is not one of [dev, staging, prod]", deadLetters.readValue().getReason());
    }

    @Test
    void shouldUseAvroSerdesForRoundTripOfDeadLetter() {
        raw.pipeInput("host-1", new byte[] {1});
        DeadLetter letter = deadLetters.readValue();
        var serde = AvroSerdes.bundled().<DeadLetter>valueSerde();
        assertEquals(letter, serde.deserializer().deserialize("t", serde.serializer().serialize("t", letter)));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
