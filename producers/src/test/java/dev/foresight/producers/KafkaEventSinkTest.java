package dev.foresight.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.topics.Topics;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaEventSinkTest {

    private static final long EVENT_TIME = 1_700_000_000_000L;

    private static TelemetryEvent sample() {
        return TelemetryEvent.newBuilder()
                .setEventId("e-1").setHostId("host-1").setServiceId("checkout")
                .setTimestamp(Instant.ofEpochMilli(EVENT_TIME))
                .setCpuUtilization(0.5).setMemoryUtilization(0.25).setNetworkMbps(10).setLatencyMs(12)
                .setRequestRate(100).setErrorRate(0.01)
                .build();
    }

    private static MockProducer<String, SpecificRecord> mockProducer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, new RoundRobinPartitioner(), new StringSerializer(),
                (topic, value) -> new byte[0]);
    }

    @Test
    void shouldSendToTheTopicWithTheKeyAndTheEventTimeAsRecordTimestamp() {
        MockProducer<String, SpecificRecord> producer = mockProducer(true);
        TelemetryEvent event = sample();

        new KafkaEventSink(producer).send(Topics.TELEMETRY, "host-1", event, EVENT_TIME);

        ProducerRecord<String, SpecificRecord> sent = producer.history().get(0);
        assertEquals("telemetry.events.v1", sent.topic());
        assertEquals("host-1", sent.key());
        assertEquals(EVENT_TIME, sent.timestamp());
        assertEquals(event, sent.value());
    }

    @Test
    void shouldRethrowAnEarlierFailedSendOnTheNextSend() {
        MockProducer<String, SpecificRecord> producer = mockProducer(false);
        KafkaEventSink sink = new KafkaEventSink(producer);
        sink.send(Topics.TELEMETRY, "host-1", sample(), EVENT_TIME);

        producer.errorNext(new KafkaException("broker unavailable"));

        assertThrows(KafkaException.class, () -> sink.send(Topics.TELEMETRY, "host-1", sample(), EVENT_TIME));
    }

    @Test
    void shouldDefaultToDurableIdempotentBatchedProducer() {
        Map<String, Object> defaults = KafkaEventSink.producerDefaults();

        assertEquals("all", defaults.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(true, defaults.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals(5, defaults.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("lz4", defaults.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
    }
}
