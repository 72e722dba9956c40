package dev.foresight.query;

import dev.foresight.topology.workflow.WorkflowShadowing;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Locates a shadow through Kafka Streams' metadata: the active task of the key's partition.
 * Without {@code application.server} ({@code self} is {@link HostInfo#unavailable()}) this instance
 * is assumed to be the only one, and every key is local.
 */
public final class StreamsShadowLocator implements ShadowLocator {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String store;

    public StreamsShadowLocator(KafkaStreams streams, HostInfo self) {
        this(streams, self, WorkflowShadowing.SHADOW_STORE);
    }

    /** Locates the owner of a key of another store keyed by String, e.g. the series store. */
    public StreamsShadowLocator(KafkaStreams streams, HostInfo self, String store) {
        this.streams = streams;
        this.self = self;
        this.store = store;
    }

    @Override
    public KeyOwner locate(String workflowId) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return new KeyOwner.Unavailable("Kafka Streams is " + state);
        }
        if (self.equals(HostInfo.unavailable())) {
            return new KeyOwner.Local();
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, workflowId,
                    Serdes.String().serializer());
        } catch (StreamsException | IllegalStateException e) {
            return new KeyOwner.Unavailable("no metadata yet: " + e.getMessage());
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new KeyOwner.Unavailable("no instance owns the key's partition yet");
        }
        HostInfo active = metadata.activeHost();
        return active.equals(self) ? new KeyOwner.Local() : new KeyOwner.Remote(active.host(), active.port());
    }
}
