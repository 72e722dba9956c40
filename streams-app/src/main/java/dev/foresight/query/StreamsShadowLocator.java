package dev.foresight.query;

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
    private final String store;
    private final HostInfo self;

    /** @param store the name of the shadow store, whose partitions are the workflow topic's */
    public StreamsShadowLocator(KafkaStreams streams, String store, HostInfo self) {
        this.streams = streams;
        this.store = store;
        this.self = self;
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
