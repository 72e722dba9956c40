package dev.foresight.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.deadletter.DeadLetterHandlers;
import dev.foresight.query.explain.ExplanationJson;
import dev.foresight.query.explain.FoundCommand;
import dev.foresight.replay.CommandDiff;
import dev.foresight.replay.ComparedCommand;
import dev.foresight.replay.ReplayNames;
import dev.foresight.replay.ReplayReport;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.InternalTopics;
import dev.foresight.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Re-runs the whole topology over the recorded input topics from a point in time, as an application of its own
 * whose outputs are copies named by {@link ReplayNames}, until it has processed every input record that was
 * there when it started; then compares its commands with the live ones over the same span.
 *
 * <p>Each input partition starts at its first record at or after that time, except compacted inputs: they are
 * state (the service topology), read whole. A replay starts with empty stores, so what the live app decided
 * from state built before that time can differ at first.
 */
final class HistoryReplay {

    /** Every topic the app only reads: the replay reads them as recorded. */
    static final List<TopicSpec<?>> RECORDED = Stream.of(Topics.INPUTS, Topics.REFERENCE, Topics.OPERATOR)
            .flatMap(List::stream).toList();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int EXAMPLES_PER_TOPIC = 20;
    private static final int LISTED_BEHIND = 5;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Cluster kafka;
    private final ReplayNames names;

    HistoryReplay(Cluster kafka, String replayId) {
        this.kafka = kafka;
        this.names = new ReplayNames(replayId, Topics.OUTPUTS);
    }

    /**
     * @param streamsProperties the replay's Streams settings; its application id and dead-letter topic are set here
     * @param keep              leave the replay's topics, offsets and state behind for a look
     * @throws UserError when the replay's id is in use, or it has not caught up within {@code timeout}
     */
    ReplayReport run(Instant from, TopologySettings settings, Properties streamsProperties, Duration timeout,
                     boolean keep) throws InterruptedException, ExecutionException {
        Admin admin = kafka.admin();
        refuseUsedId(admin);
        TopicAdmin topics = new TopicAdmin(admin);
        topics.createCatalogue(kafka.replicationFactor());
        Properties props = replayProperties(streamsProperties);
        Topology topology = new ForesightTopology(kafka.serdes().withTopicNames(names), settings).build(props);
        List<String> sources = sources(topology.describe());
        Map<TopicPartition, Long> ends = GroupLag.endOffsets(admin,
                names(RECORDED).stream().filter(sources::contains).toList());
        Map<TopicPartition, Long> starts = startOffsets(admin, from, ends);
        String until = topics.latestTimestamp(Topics.INPUTS).map(Instant::toString).orElse(from.toString());
        List<ComparedCommand> originals = commands(ExplainCommand.SEARCHED, from);
        try {
            topics.create(Topics.OUTPUTS.stream().<TopicSpec<?>>map(names::of).toList(), kafka.replicationFactor());
            admin.alterConsumerGroupOffsets(names.replayId(), offsets(starts)).all().get();
            runUntilCaughtUp(topology, props, ends, timeout);
            List<ComparedCommand> replayed = commands(ExplainCommand.SEARCHED.stream()
                    .<TopicSpec<?>>map(names::of).toList(), from);
            List<String> searched = names(ExplainCommand.SEARCHED);
            return new ReplayReport(names.replayId(), from.toString(), until, replayedRecords(starts, ends), keep,
                    new CommandDiff(EXAMPLES_PER_TOPIC).compare(searched, originals, replayed));
        } finally {
            if (!keep) {
                cleanUp(topology, props);
            }
        }
    }

    /** Another replay (or app) by this id would mix its offsets, state and outputs with this one's. */
    private void refuseUsedId(Admin admin) throws InterruptedException, ExecutionException {
        String id = names.replayId();
        boolean group = !committed(admin).isEmpty();
        boolean topics = admin.listTopics().names().get().stream()
                .anyMatch(name -> name.startsWith(id + ".") || name.startsWith(id + "-"));
        if (group || topics) {
            throw new UserError("replay id '" + id + "' is already in use on " + kafka.bootstrapServers() + " ("
                    + (group ? "a consumer group" : "topics") + " by that name); choose another --replay-id");
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(Admin admin)
            throws InterruptedException, ExecutionException {
        try {
            return admin.listConsumerGroupOffsets(names.replayId()).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
    }

    private Properties replayProperties(Properties streamsProperties) {
        Properties props = new Properties();
        props.putAll(streamsProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, names.replayId());
        // one instance, gone when done: a standby would only slow it down
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
        props.putAll(DeadLetterHandlers.config(names.apply(Topics.DEAD_LETTERS.name())));
        return props;
    }

    /** The first offset at or after {@code from}, or the end when there is none; compacted inputs from the start. */
    private static Map<TopicPartition, Long> startOffsets(Admin admin, Instant from, Map<TopicPartition, Long> ends)
            throws InterruptedException, ExecutionException {
        Map<String, TopicSpec<?>> byName = RECORDED.stream().collect(Collectors.toMap(TopicSpec::name,
                Function.identity()));
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition partition : ends.keySet()) {
            boolean compacted = byName.get(partition.topic()).cleanupPolicy().equals(TopicConfig.CLEANUP_POLICY_COMPACT);
            request.put(partition, compacted ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(from.toEpochMilli()));
        }
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : admin.listOffsets(request).all().get().entrySet()) {
            long offset = e.getValue().offset();
            starts.put(e.getKey(), offset < 0 ? ends.get(e.getKey()) : offset);
        }
        return starts;
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(Map<TopicPartition, Long> starts) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        starts.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        return offsets;
    }

    private void runUntilCaughtUp(Topology topology, Properties props, Map<TopicPartition, Long> ends,
                                  Duration timeout) throws InterruptedException, ExecutionException {
        List<String> own = ownSources(topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        try {
            streams.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!behind(ends, own).isEmpty()) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("replay '" + names.replayId() + "' stopped: " + streams.state()
                            + " (see the log)");
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("replay '" + names.replayId() + "' did not catch up within "
                            + timeout.toSeconds() + " s (behind on " + behind(ends, own) + "); raise --timeout");
                }
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            // leaving the group at once, so that its offsets can be deleted now rather than after a session timeout
            streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        }
    }

    /**
     * Every input record there at the start is processed, and what the replay wrote to the topics it reads back
     * (repartitions, its alerts and scores) is too: its commits cover both.
     */
    private List<String> behind(Map<TopicPartition, Long> inputEnds, List<String> own)
            throws InterruptedException, ExecutionException {
        Admin admin = kafka.admin();
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
        Map<TopicPartition, Long> ends = new HashMap<>(inputEnds);
        try {
            ends.putAll(GroupLag.endOffsets(admin, own));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                // Streams creates its repartition topics once it has its first assignment
                return List.of("topics not created yet: " + own);
            }
            throw e;
        }
        return ends.entrySet().stream().filter(end -> end.getValue() > 0 && (committed.get(end.getKey()) == null
                || committed.get(end.getKey()).offset() < end.getValue())).limit(LISTED_BEHIND)
                .map(end -> end.getKey() + " at " + (committed.get(end.getKey()) == null ? "-"
                        : committed.get(end.getKey()).offset()) + " of " + end.getValue()).toList();
    }

    /** The topics the replay reads that it writes itself; {@code describe()} names repartitions without the id. */
    private List<String> ownSources(TopologyDescription description) {
        List<String> recorded = names(RECORDED);
        return sources(description).stream().filter(topic -> !recorded.contains(topic))
                .map(topic -> topic.endsWith("-repartition") ? names.replayId() + "-" + topic : topic).toList();
    }

    /**
     * The topics the stream tasks read, under the consumer group's offsets; a global store's topic is not among
     * them: it is read whole by a consumer of its own.
     */
    private static List<String> sources(TopologyDescription description) {
        return description.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream()).distinct().toList();
    }

    /** The commands on {@code topics} stamped at or after {@code from}, under the catalogue's topic names. */
    private List<ComparedCommand> commands(List<TopicSpec<?>> topics, Instant from) {
        Deserializer<SpecificRecord> values = kafka.serdes().<SpecificRecord>valueSerde().deserializer();
        ExplanationJson json = new ExplanationJson(new ObjectMapper());
        List<ComparedCommand> commands = new ArrayList<>();
        try {
            new TopicScan(kafka).scan(topics, Duration.ofMinutes(2), record -> {
                if (record.value() != null && record.timestamp() >= from.toEpochMilli()) {
                    compared(record, values, json).ifPresent(commands::add);
                }
                return false;
            });
        } catch (TopicScan.ScanTimeout e) {
            throw new UserError("the command topics were not read to their end within 2 minutes", e);
        }
        return commands;
    }

    private Optional<ComparedCommand> compared(ConsumerRecord<String, byte[]> record,
                                                         Deserializer<SpecificRecord> values, ExplanationJson json) {
        try {
            SpecificRecord value = values.deserialize(record.topic(), record.value());
            FoundCommand found = new FoundCommand(names.original(record.topic()), record.partition(), record.offset(),
                    record.key(), value);
            return Optional.of(new ComparedCommand(found.topic(), found.key(), found.type(), found.id(),
                    FoundCommand.idFieldOf(value).orElse(null), json.of(found).get("command")));
        } catch (SerializationException e) {
            return Optional.empty(); // not one of ours: neither run issued it
        }
    }

    /** Input records between the start offsets and the ends seen at the start, by topic (≈: markers count). */
    private static Map<String, Long> replayedRecords(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        Map<String, Long> counts = new TreeMap<>();
        ends.forEach((partition, end) -> counts.merge(partition.topic(), Math.max(0, end - starts.get(partition)),
                Long::sum));
        counts.values().removeIf(count -> count == 0);
        return counts;
    }

    private void cleanUp(Topology topology, Properties props) throws InterruptedException, ExecutionException {
        String id = names.replayId();
        ApplicationReset reset = new ApplicationReset(kafka.admin(), id,
                InternalTopics.of(topology.describe()).topicsOf(id));
        reset.deleteOffsets();
        reset.deleteInternalTopics();
        reset.deleteExisting(Topics.OUTPUTS.stream().map(spec -> names.apply(spec.name())).toList());
        reset.deleteLocalState(Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG)));
    }

    private static List<String> names(List<TopicSpec<?>> topics) {
        return topics.stream().map(TopicSpec::name).toList();
    }
}
