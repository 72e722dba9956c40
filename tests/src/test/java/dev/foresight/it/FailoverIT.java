package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.EmbeddedKafka;
import dev.foresight.app.TopicAdmin;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the app (child JVMs, exactly-once, one standby each) share the work of one application
 * id; one is killed with SIGKILL while actions keep arriving. The survivor takes its tasks over: every
 * action started gets exactly one RESERVE/REJECT decision on the command topic, read committed, none lost
 * in the killed instance's open transaction and none repeated by the survivor's re-processing of it.
 */
class FailoverIT {

    /** Generous: two JVMs starting and a rebalance on a loaded 2-core machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(240);
    private static final String APP = "failover-it";
    private static final int WORKFLOWS = 8;
    private static final int BEFORE_KILL = 80;
    /** Sent around the kill, so that some are in the killed instance's open transaction. */
    private static final int AROUND_KILL = 120;
    private static final int KILL_AFTER = 30;
    private static final Duration SEND_EVERY = Duration.ofMillis(20);
    /** Event times: a fixed spacing from a base in the recent past, so ingest accepts them. */
    private static final Instant BASE = Instant.now().minus(Duration.ofMinutes(15));
    private static final Serializer<WorkflowEvent> VALUES = AvroSerdes.bundled().<WorkflowEvent>valueSerde().serializer();

    @TempDir
    Path dir;

    private int sent;

    @Test
    @SuppressWarnings("try") // see AppProcess
    void shouldDecideEveryActionExactlyOnceWhenAnInstanceIsKilledUnderLoad() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0)) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                new TopicAdmin(admin).createCatalogue((short) 1);
            }
            try (AppProcess victim = AppProcess.start(bootstrap, APP, dir.resolve("a"), List.of());
                 AppProcess survivor = AppProcess.start(bootstrap, APP, dir.resolve("b"), List.of());
                 KafkaProducer<String, byte[]> producer = producer(bootstrap);
                 Decisions decisions = new Decisions(bootstrap)) {
                victim.awaitServing(TIMEOUT);
                survivor.awaitServing(TIMEOUT);
                List<String> expected = new ArrayList<>();
                for (int w = 0; w < WORKFLOWS; w++) {
                    send(producer, workflow(w), new WorkflowCreated(0));
                }
                expected.addAll(startActions(producer, BEFORE_KILL));
                decisions.readUntilAll(expected, TIMEOUT);

                expected.addAll(startActions(producer, KILL_AFTER));
                victim.kill();
                expected.addAll(startActions(producer, AROUND_KILL - KILL_AFTER));
                Map<String, List<String>> idsByTarget = decisions.readUntilAll(expected, TIMEOUT);

                assertTrue(survivor.isAlive(), "the survivor keeps running");
                assertEquals(Set.copyOf(expected), idsByTarget.keySet(), "a decision for every action, and only those");
                Map<String, List<String>> decidedTwice = idsByTarget.entrySet().stream()
                        .filter(e -> e.getValue().size() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                assertEquals(Map.of(), decidedTwice, "actions decided more than once, with their command ids");
                for (int w = 0; w < WORKFLOWS; w++) {
                    survivor.awaitStatus("/shadow/" + workflow(w), 200, TIMEOUT);
                }
            }
        }
    }

    /** @return the targets of the actions started, round robin over the workflows */
    private List<String> startActions(KafkaProducer<String, byte[]> producer, int count) throws InterruptedException {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String workflowId = workflow(sent % WORKFLOWS);
            String actionId = "a" + sent;
            send(producer, workflowId, new ActionStarted(actionId, "step", new ResourceUsage(1.0, 256.0, 1.0, 0.01, 1000L)));
            targets.add(workflowId + "/" + actionId);
            // a steady stream, not a burst: the kill lands while transactions are open
            Thread.sleep(SEND_EVERY.toMillis());
        }
        producer.flush();
        return targets;
    }

    private void send(KafkaProducer<String, byte[]> producer, String workflowId, Object payload) {
        WorkflowEvent event = WorkflowEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setWorkflowId(workflowId).setWorkflowType("failover")
                .setTimestamp(BASE.plusMillis(100L * sent++)).setPayload(payload).build();
        String topic = Topics.WORKFLOWS.name();
        producer.send(new ProducerRecord<>(topic, workflowId, VALUES.serialize(topic, event)));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static String workflow(int w) {
        return "failover-wf-" + w;
    }

    /** The RESERVE/REJECT decisions on the allocation topic, read committed from the beginning. */
    private static final class Decisions implements AutoCloseable {

        private final KafkaConsumer<String, AllocationCommand> consumer;
        private final List<TopicPartition> partitions;
        private final Map<String, List<String>> idsByTarget = new HashMap<>();

        Decisions(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "failover-it-reader",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), AvroSerdes.bundled().<AllocationCommand>valueSerde().deserializer());
            String topic = Topics.ALLOCATIONS.name();
            partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /**
         * Reads until every target has a decision, then on to the end of what is committed by then, so a
         * repeated decision written after the first one is read too.
         *
         * @return the command ids read for each target
         */
        Map<String, List<String>> readUntilAll(List<String> targets, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!idsByTarget.keySet().containsAll(targets)) {
                poll(deadline, () -> "no decision within " + timeout + " for "
                        + targets.stream().filter(t -> !idsByTarget.containsKey(t)).toList());
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                poll(deadline, () -> "did not reach the committed end " + end + " within " + timeout);
            }
            return Map.copyOf(idsByTarget);
        }

        private void poll(long deadline, Supplier<String> failure) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                AllocationCommand command = record.value();
                if (command.getAction() == AllocationAction.RESERVE || command.getAction() == AllocationAction.REJECT) {
                    idsByTarget.computeIfAbsent(command.getTarget(), t -> new ArrayList<>()).add(command.getCommandId());
                }
            });
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
