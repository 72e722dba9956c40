package dev.foresight.topology;

import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/**
 * Builders that refuse a generated internal name, and whose processors prime their stores' changelogs
 * ({@link ChangelogPrimer}). {@code ensure.explicit.internal.resource.naming} is
 * only read from the {@link TopologyConfig} a builder is created with: set in the Streams properties
 * alone, an unnamed {@code count()} still builds and runs, and its changelog is renamed by the next
 * change to the topology.
 */
public final class NamedTopologies {

    private NamedTopologies() {
    }

    /** A builder whose {@code build()} throws {@code TopologyException} on any generated store, changelog or repartition name. */
    public static StreamsBuilder builder() {
        return builder(new Properties());
    }

    /** The same, with the topology-level settings (buffering, store type, ...) of {@code streamsProperties}. */
    public static StreamsBuilder builder(Properties streamsProperties) {
        Properties props = new Properties();
        props.putAll(streamsProperties);
        // StreamsConfig insists on these two; a TopologyConfig reads neither
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "foresight");
        props.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // no changelog stays empty, so no task is wiped for a store that never had a record (see the class)
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, ChangelogPrimer.class);
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
    }
}
