package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.it.HostileRecords.Planned;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.state.AggregateScope;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.schema.state.TelemetryAggregate;
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
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile publisher against the real topology on a real broker (exactly-once): every bad record is
 * dead-lettered exactly once with its reason, every valid one has its output exactly once, and the app
 * stays RUNNING. {@code -Dhostile.records=N} sets the size of the suite (default 1,200, for CI; the README
 * gives the command for the 12,000-record run).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int RECORDS = Integer.getInteger("hostile.records", 1200);
    /** The single records of issue #9 (1-5) that each used to stop the app for good. */
    private static final List<String> POISON = List.of("another topic's type", "negative time", "string length of 2e9",
            "megabyte string", "oversized field", "version beyond int", "invalid schema default");

    @TempDir
    static Path dir;

    private static AppOnBroker app;
    private static KafkaProducer<String, byte[]> producer;
    private static final List<DeadLetter> LETTERS = new ArrayList<>();
    private static TopicReader<DeadLetter> deadLetters;

    @BeforeAll
    static void startApp() throws Exception {
        app = AppOnBroker.start(dir, "hostile-it-" + UUID.randomUUID(), TIMEOUT);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        deadLetters = new TopicReader<>(app.bootstrapServers(), Topics.DEAD_LETTERS.name(),
                AvroSerdes.bundled().<DeadLetter>valueSerde().deserializer());
    }

    @AfterAll
    static void stop() {
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void shouldDeadLetterEachRecordThatUsedToStopTheAppAndKeepRunning() throws Exception {
        List<Planned> all = new HostileRecords(Instant.now()).generate(300);
        for (String kind : POISON) {
            Planned poison = all.stream().filter(p -> p.kind().equals(kind)).findFirst().orElseThrow();
            String at = coordinates(send(poison).get());
            List<DeadLetter> letters = lettersAt(at, LETTERS.size() + 1);
            assertEquals(1, letters.size(), kind + ": " + letters);
            assertTrue(letters.get(0).getReason().contains(poison.reason()), kind + ": " + letters.get(0).getReason());
            assertEquals(KafkaStreams.State.RUNNING, app.state(), "after " + kind);
        }
    }

    @Test
    @Order(2)
    void shouldDeadLetterEveryBadRecordOnceAndProcessEveryValidOneOnce() throws Exception {
        List<Planned> planned = new HostileRecords(Instant.now()).generate(RECORDS);
        List<Future<RecordMetadata>> sent = planned.stream().map(HostileInputIT::send).toList();
        producer.flush();
        Map<String, Planned> bad = new HashMap<>();
        Set<String> valid = new java.util.HashSet<>();
        for (int i = 0; i < planned.size(); i++) {
            String at = coordinates(sent.get(i).get());
            if (planned.get(i).valid()) {
                valid.add(at);
            } else {
                bad.put(at, planned.get(i));
            }
        }
        assertTrue(planned.size() >= RECORDS * 0.9, "sent " + planned.size());

        long kinds = bad.values().stream().map(Planned::kind).distinct().count();
        System.out.printf("hostile input: %d records, %d valid, %d bad of %d kinds%n", planned.size(), valid.size(),
                bad.size(), kinds);
        int before = LETTERS.size();
        List<DeadLetter> letters = readLetters(before + bad.size()).subList(before, before + bad.size());
        Map<String, List<DeadLetter>> byCoordinates = letters.stream()
                .collect(Collectors.groupingBy(HostileInputIT::coordinates));
        assertEquals(bad.keySet(), byCoordinates.keySet(), "dead letters are exactly the bad records");
        bad.forEach((at, record) -> {
            List<DeadLetter> mine = byCoordinates.get(at);
            assertEquals(1, mine.size(), record.kind() + " dead-lettered once");
            assertTrue(mine.get(0).getReason().contains(record.reason()),
                    record.kind() + ": expected '" + record.reason() + "' in '" + mine.get(0).getReason() + "'");
        });
        assertTrue(valid.stream().noneMatch(byCoordinates::containsKey), "no valid record is dead-lettered");
        assertEquals(KafkaStreams.State.RUNNING, app.state());
        assertEveryValidTelemetryEventCountedOnce(planned);
        assertEveryValidWorkflowShadowedAndReservedOnce(planned);
        assertEquals(KafkaStreams.State.RUNNING, app.state());
    }

    private static void assertEveryValidTelemetryEventCountedOnce(List<Planned> planned) {
        Map<String, Long> expected = planned.stream()
                .filter(p -> p.valid() && p.topic() == Topics.TELEMETRY)
                .collect(Collectors.groupingBy(Planned::key, Collectors.counting()));
        try (TopicReader<TelemetryAggregate> aggregates = new TopicReader<>(app.bootstrapServers(),
                Topics.TELEMETRY_AGGREGATES.name(), AvroSerdes.bundled().<TelemetryAggregate>valueSerde().deserializer())) {
            List<ConsumerRecord<String, TelemetryAggregate>> read = aggregates.readUntil(
                    records -> hostCounts(records).entrySet().containsAll(expected.entrySet()), TIMEOUT);
            assertEquals(expected, hostCounts(read));
        }
    }

    /** The count of each host: the sum over its windows of the latest count of each window. */
    private static Map<String, Long> hostCounts(List<ConsumerRecord<String, TelemetryAggregate>> records) {
        Map<String, TelemetryAggregate> latest = new HashMap<>();
        records.stream().map(ConsumerRecord::value).filter(a -> a.getScope() == AggregateScope.HOST)
                .forEach(a -> latest.put(a.getId() + "@" + a.getWindowStart(), a));
        return latest.values().stream().collect(Collectors.groupingBy(TelemetryAggregate::getId,
                Collectors.summingLong(TelemetryAggregate::getCount)));
    }

    private static void assertEveryValidWorkflowShadowedAndReservedOnce(List<Planned> planned) {
        Set<String> workflows = planned.stream().filter(p -> p.valid() && p.topic() == Topics.WORKFLOWS
                && p.key().matches("wf-\\d+")).map(Planned::key).collect(Collectors.toSet());
        List<String> actions = IntStream.range(0, HostileRecords.ACTIONS_PER_WORKFLOW).mapToObj(a -> "a" + a).toList();
        try (TopicReader<ShadowWorkflow> shadows = new TopicReader<>(app.bootstrapServers(),
                Topics.WORKFLOW_SHADOWS.name(), AvroSerdes.bundled().<ShadowWorkflow>valueSerde().deserializer());
             TopicReader<AllocationCommand> allocations = new TopicReader<>(app.bootstrapServers(),
                     Topics.ALLOCATIONS.name(), AvroSerdes.bundled().<AllocationCommand>valueSerde().deserializer())) {
            List<ShadowWorkflow> finished = shadows.readUntil(records -> records.stream().map(ConsumerRecord::key)
                    .collect(Collectors.toSet()).containsAll(workflows), TIMEOUT).stream().map(ConsumerRecord::value)
                    .filter(s -> workflows.contains(s.getWorkflowId())).toList();
            assertEquals(workflows.size(), finished.size(), "one final shadow per workflow");
            finished.forEach(s -> assertEquals(actions,
                    s.getActions().stream().map(ShadowAction::getActionId).sorted().toList(), s.getWorkflowId()));
            Set<String> targets = workflows.stream().flatMap(w -> actions.stream().map(a -> w + "/" + a))
                    .collect(Collectors.toSet());
            Map<String, Long> decided = allocations.readUntil(records -> decisions(records).keySet().containsAll(targets),
                    TIMEOUT).stream().map(ConsumerRecord::value).filter(HostileInputIT::decidesAStart)
                    .collect(Collectors.groupingBy(AllocationCommand::getTarget, Collectors.counting()));
            targets.forEach(t -> assertEquals(1L, decided.get(t), "one RESERVE or REJECT for " + t));
        }
    }

    private static Map<String, Long> decisions(List<ConsumerRecord<String, AllocationCommand>> records) {
        return records.stream().map(ConsumerRecord::value).filter(HostileInputIT::decidesAStart)
                .collect(Collectors.groupingBy(AllocationCommand::getTarget, Collectors.counting()));
    }

    private static boolean decidesAStart(AllocationCommand command) {
        return command.getAction() == AllocationAction.RESERVE || command.getAction() == AllocationAction.REJECT;
    }

    private static Future<RecordMetadata> send(Planned record) {
        return producer.send(new ProducerRecord<>(record.topic().name(), record.key(), record.value()));
    }

    private static List<DeadLetter> lettersAt(String at, int atLeast) {
        return readLetters(atLeast).stream().filter(l -> coordinates(l).equals(at)).toList();
    }

    private static List<DeadLetter> readLetters(int atLeast) {
        List<ConsumerRecord<String, DeadLetter>> read = deadLetters.readUntil(r -> r.size() >= atLeast, TIMEOUT);
        LETTERS.clear();
        read.stream().map(ConsumerRecord::value).forEach(LETTERS::add);
        return List.copyOf(LETTERS);
    }

    private static String coordinates(RecordMetadata metadata) {
        return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
    }

    private static String coordinates(DeadLetter letter) {
        return letter.getSourceTopic() + "-" + letter.getPartition() + "@" + letter.getOffset();
    }

}
