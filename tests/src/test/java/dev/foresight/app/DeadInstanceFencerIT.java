package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker: a transaction left open by an instance that is no longer in the group blocks
 * read_committed readers until the fencer aborts it; a live member's open transaction is left alone.
 */
class DeadInstanceFencerIT {

    private static final String APP = "fence-app";
    private static final String LIVE = "0b5e6c1e-2a4f-4c59-9f3e-0d1c2b3a4f5e";
    private static final String DEAD = "7f00aa11-9c2d-4e6b-8a10-5b4c3d2e1f00";
    private static final String TOPIC = "fenced";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldAbortTheOpenTransactionOfAnInstanceThatLeftTheGroupAndLeaveTheLiveOnesOpen() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            String servers = kafka.bootstrapServers();
            try (KafkaConsumer<byte[], byte[]> member = liveMember(servers);
                 Producer<byte[], byte[]> dead = openTransaction(servers, APP + "-" + DEAD + "-1", "dead");
                 Producer<byte[], byte[]> live = openTransaction(servers, APP + "-" + LIVE + "-1", "live");
                 DeadInstanceFencer fencer = new DeadInstanceFencer(Admin.create(Map.of("bootstrap.servers", servers)),
                         APP, Duration.ZERO, DeadInstanceFencer.producers(Map.of("bootstrap.servers", servers)))) {
                awaitMembership(admin, member);
                commitOne(servers, "committed");
                assertEquals(0L, committedEnd(servers), "the open transactions hold back read_committed readers");

                fencer.fenceDeadInstances();
                live.commitTransaction();
                assertThrows(KafkaException.class, dead::commitTransaction, "the dead thread's producer is fenced");

                assertEquals(List.of("live", "committed"), readCommitted(servers, 2),
                        "the dead instance's record is aborted; the live and the later committed ones are read");
            }
        }
    }

    /** A member of the application's group whose client id names the live process, as Kafka Streams names it. */
    private static KafkaConsumer<byte[], byte[]> liveMember(String servers) {
        Properties props = consumerProps(servers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, APP);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, APP + "-" + LIVE + "-StreamThread-1-consumer");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    private static void awaitMembership(Admin admin, KafkaConsumer<byte[], byte[]> member) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!hasMembers(admin)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the live member did not join within " + DEADLINE);
            }
            member.poll(Duration.ofMillis(200));
        }
    }

    private static boolean hasMembers(Admin admin) throws InterruptedException {
        try {
            return !admin.describeConsumerGroups(List.of(APP)).all().get().get(APP).members().isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw new AssertionError(e.getCause());
        }
    }

    private static Producer<byte[], byte[]> openTransaction(String servers, String transactionalId, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        Producer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, 0, null, value.getBytes(StandardCharsets.UTF_8)));
        producer.flush();
        return producer;
    }

    private static void commitOne(String servers, String value) {
        try (Producer<byte[], byte[]> producer = openTransaction(servers, "another-app-writer", value)) {
            producer.commitTransaction();
        }
    }

    private static long committedEnd(String servers) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(servers))) {
            return consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
        }
    }

    private static List<String> readCommitted(String servers, int expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(servers))) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }

    private static Properties consumerProps(String servers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }
}
