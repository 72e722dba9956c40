package dev.foresight.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foresight.schema.events.EnvironmentDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
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
    void shouldSendEveryEditOfAnEnvironmentToTheEnvironmentsPartition() {
        String topic = Topics.SERVICE_TOPOLOGY.name();
        List<PartitionInfo> partitions = IntStream.range(0, 4)
                .mapToObj(p -> new PartitionInfo(topic, p, null, new Node[0], new Node[0])).toList();
        MockProducer<String, SpecificRecord> producer = new MockProducer<>(new Cluster("c", List.of(), partitions,
                Set.of(), Set.of()), true, new RoundRobinPartitioner(), new StringSerializer(), (t, value) -> new byte[0]);
        KafkaEventSink sink = new KafkaEventSink(producer);
        ServiceTopologyEvent edit = ServiceTopologyEvent.newBuilder().setEventId("t-1").setEnvironment("staging")
                .setTimestamp(Instant.ofEpochMilli(EVENT_TIME)).setPayload(new EnvironmentDefinition()).build();

        for (String key : List.of("staging", "staging/database", "staging/auth", "staging/frontend")) {
            sink.send(Topics.SERVICE_TOPOLOGY, key, edit, EVENT_TIME);
        }
        sink.send(Topics.TELEMETRY, "host-1", sample(), EVENT_TIME);

        int expected = Utils.toPositive(Utils.murmur2("staging".getBytes(StandardCharsets.UTF_8))) % 4;
        List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
        assertEquals(List.of(expected, expected, expected, expected),
                sent.subList(0, 4).stream().map(ProducerRecord::partition).toList());
        assertNull(sent.get(4).partition(), "other topics are left to the producer's partitioner");
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
