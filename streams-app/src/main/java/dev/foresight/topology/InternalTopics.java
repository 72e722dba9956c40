package dev.foresight.topology;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription.Node;
import org.apache.kafka.streams.TopologyDescription.Processor;
import org.apache.kafka.streams.TopologyDescription.Sink;
import org.apache.kafka.streams.TopologyDescription.Source;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The stateful names of a topology, read from its {@code describe()}: what a reset must delete and what
 * a rename would orphan. Internal topics are named here without their {@code <application.id>-} prefix.
 *
 * @param processors  the processors that own or use a store; renaming a stateless node orphans nothing
 * @param stores      every state store, global ones included
 * @param changelogs  {@code <store>-changelog} of every store but the global ones (the broker has one unless
 *                    logging is disabled)
 * @param repartitions topics the topology writes and reads back itself
 */
public record InternalTopics(Set<String> processors, Set<String> stores, Set<String> changelogs,
                             Set<String> repartitions) {

    private static final String REPARTITION = "-repartition";

    public static InternalTopics of(TopologyDescription description) {
        SortedSet<String> processors = new TreeSet<>();
        SortedSet<String> stores = new TreeSet<>();
        SortedSet<String> written = new TreeSet<>();
        SortedSet<String> read = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (Node node : subtopology.nodes()) {
                if (node instanceof Processor processor && !processor.stores().isEmpty()) {
                    processors.add(processor.name());
                    stores.addAll(processor.stores());
                } else if (node instanceof Source source && source.topicSet() != null) {
                    read.addAll(source.topicSet());
                } else if (node instanceof Sink sink && sink.topic() != null) {
                    written.add(sink.topic());
                }
            }
        }
        SortedSet<String> changelogs = new TreeSet<>();
        stores.forEach(store -> changelogs.add(store + "-changelog"));
        // a global store restores from its source topic: it has no changelog
        for (TopologyDescription.GlobalStore global : description.globalStores()) {
            processors.add(global.processor().name());
            stores.addAll(global.processor().stores());
        }
        SortedSet<String> repartitions = new TreeSet<>(written);
        repartitions.retainAll(read);
        repartitions.removeIf(topic -> !topic.endsWith(REPARTITION));
        return new InternalTopics(Collections.unmodifiableSortedSet(processors),
                Collections.unmodifiableSortedSet(stores), Collections.unmodifiableSortedSet(changelogs),
                Collections.unmodifiableSortedSet(repartitions));
    }

    /** The topics Kafka Streams creates for {@code applicationId}: changelogs and repartitions, prefixed. */
    public Set<String> topicsOf(String applicationId) {
        Set<String> topics = new TreeSet<>();
        changelogs.forEach(topic -> topics.add(applicationId + "-" + topic));
        repartitions.forEach(topic -> topics.add(applicationId + "-" + topic));
        return topics;
    }
}
