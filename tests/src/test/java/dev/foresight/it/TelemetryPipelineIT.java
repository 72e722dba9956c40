package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.TelemetryAggregate;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telemetry in, aggregates and dead letters out, on a real broker with the real topology (exactly-once). */
class TelemetryPipelineIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Event times lie in the past, on whole minutes, so windows are easy to reason about. */
    private static final Instant T0 = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);

    @TempDir
    static Path dir;

    private static AppOnBroker app;

    @BeforeAll
    static void startBrokerAndApp() throws Exception {
        app = AppOnBroker.start(dir, "telemetry-it-" + UUID.randomUUID(), TIMEOUT);
        produceTelemetry();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldPublishWindowedAggregatesOfValidTelemetry() {
        try (TopicReader<TelemetryAggregate> aggregates = new TopicReader<>(app.bootstrapServers(),
                Topics.TELEMETRY_AGGREGATES.name(), AvroSerdes.bundled().<TelemetryAggregate>valueSerde().deserializer())) {
            List<ConsumerRecord<String, TelemetryAggregate>> read =
                    aggregates.readUntil(records -> records.stream().anyMatch(r -> r.key().equals("host-a")), TIMEOUT);
            TelemetryAggregate hostA = read.stream().filter(r -> r.key().equals("host-a")).findFirst().orElseThrow().value();
            assertTrue(hostA.getCount() > 0);
            assertTrue(hostA.getCpu().getMax() <= 0.9, "cpu max " + hostA.getCpu().getMax());
        }
    }

    @Test
    void shouldDeadLetterGarbageAndNanTelemetryWithReasons() {
        try (TopicReader<DeadLetter> deadLetters = new TopicReader<>(app.bootstrapServers(),
                Topics.DEAD_LETTERS.name(), AvroSerdes.bundled().<DeadLetter>valueSerde().deserializer())) {
            List<DeadLetter> letters = deadLetters.readUntil(records -> records.size() >= 2, TIMEOUT)
                    .stream().map(ConsumerRecord::value).toList();
            assertEquals(2, letters.size(), letters.toString());
            letters.forEach(letter -> {
                assertEquals(Topics.TELEMETRY.name(), letter.getSourceTopic());
                assertFalse(letter.getReason().isBlank());
            });
            assertTrue(letters.stream().anyMatch(l -> l.getKey() != null && "garbage".equals(text(l.getKey()))),
                    letters.toString());
            assertTrue(letters.stream().anyMatch(l -> l.getReason().contains("cpuUtilization")), letters.toString());
        }
    }

    /** Two hosts of one service, a sample every 10 s for 4 minutes, then one NaN sample and one garbage record. */
    private static void produceTelemetry() throws Exception {
        Serializer<TelemetryEvent> avro = AvroSerdes.bundled().<TelemetryEvent>valueSerde().serializer();
        String topic = Topics.TELEMETRY.name();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int step = 0; step < 24; step++) {
                Instant at = T0.plusSeconds(10L * step);
                for (String host : List.of("host-a", "host-b")) {
                    TelemetryEvent event = sample(host, at, 0.2 + 0.01 * step);
                    producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), host, avro.serialize(topic, event)));
                }
            }
            Instant last = T0.plusSeconds(240);
            producer.send(new ProducerRecord<>(topic, null, last.toEpochMilli(), "host-a",
                    avro.serialize(topic, sample("host-a", last, Double.NaN))));
            producer.send(new ProducerRecord<>(topic, null, last.toEpochMilli(), "garbage",
                    new byte[] {0x13, 0x37, 0x00, 0x42}));
            producer.flush();
        }
    }

    private static TelemetryEvent sample(String host, Instant at, double cpu) {
        return TelemetryEvent.newBuilder()
                .setEventId(host + "-" + at.toEpochMilli())
                .setHostId(host)
                .setServiceId("checkout")
                .setTimestamp(at)
                .setCpuUtilization(cpu)
                .setMemoryUtilization(0.5)
                .setNetworkMbps(10)
                .setLatencyMs(20)
                .setRequestRate(100)
                .setErrorRate(0.01)
                .build();
    }

    private static String text(java.nio.ByteBuffer bytes) {
        return java.nio.charset.StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }
}
