package dev.foresight.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologySettings;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class ReplayNamesTest {

    private static final String REPLAY = "foresight-replay-20261201-093000";
    private final ReplayNames names = new ReplayNames(REPLAY, Topics.OUTPUTS);

    @Test
    void shouldPrefixWhatTheAppWritesAndKeepWhatItOnlyReads() {
        assertEquals(REPLAY + ".allocation.commands.v1", names.apply(Topics.ALLOCATIONS.name()));
        assertEquals(Topics.TELEMETRY.name(), names.apply(Topics.TELEMETRY.name()));
        assertEquals(Topics.PIPELINE_TEMPLATES.name(), names.apply(Topics.PIPELINE_TEMPLATES.name()));
        assertEquals(Topics.INCIDENT_ACKS.name(), names.apply(Topics.INCIDENT_ACKS.name()));
    }

    @Test
    void shouldCopyASpecUnderTheReplaysNameAndMapItBack() {
        TopicSpec<?> copy = names.of(Topics.ROLLBACKS);

        assertEquals(REPLAY + "." + Topics.ROLLBACKS.name(), copy.name());
        assertEquals(Topics.ROLLBACKS.partitions(), copy.partitions());
        assertEquals(Topics.ROLLBACKS.cleanupPolicy(), copy.cleanupPolicy());
        assertEquals(Topics.ROLLBACKS.name(), names.original(copy.name()));
        assertEquals("other.topic", names.original("other.topic"));
    }

    /** The guarantee a replay rests on: the whole topology, built on the replay's names, writes no live topic. */
    @Test
    void shouldLeaveTheWholeTopologyWritingOnlyTheReplaysTopics() {
        TopologyDescription description = new ForesightTopology(AvroSerdes.bundled().withTopicNames(names),
                TopologySettings.defaults()).build().describe();
        Set<String> sinks = nodes(description).stream().filter(TopologyDescription.Sink.class::isInstance)
                .map(node -> ((TopologyDescription.Sink) node).topic()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> live = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());

        assertTrue(sinks.contains(REPLAY + "." + Topics.ALLOCATIONS.name()), sinks.toString());
        assertEquals(Set.of(), sinks.stream().filter(live::contains).collect(Collectors.toSet()));
        assertTrue(sinks.stream().allMatch(topic -> topic.startsWith(REPLAY + ".") || topic.endsWith("-repartition")),
                sinks.toString());
    }

    private static List<TopologyDescription.Node> nodes(TopologyDescription description) {
        return description.subtopologies().stream().flatMap(s -> s.nodes().stream()).toList();
    }
}
