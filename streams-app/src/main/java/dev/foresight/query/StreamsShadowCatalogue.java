package dev.foresight.query;

import dev.foresight.schema.state.ShadowWorkflow;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Scans the local shadow store of the active tasks; peers from Kafka Streams' metadata. */
public final class StreamsShadowCatalogue implements ShadowCatalogue {

    private final KafkaStreams streams;
    private final String storeName;
    private final HostInfo self;

    public StreamsShadowCatalogue(KafkaStreams streams, String store, HostInfo self) {
        this.streams = streams;
        this.storeName = store;
        this.self = self;
    }

    @Override
    public List<ShadowWorkflow> recent(int limit) {
        PriorityQueue<ShadowWorkflow> kept = new PriorityQueue<>(DashboardWorkflows.ORDER.reversed());
        try (KeyValueIterator<String, ShadowWorkflow> all = store().all()) {
            while (all.hasNext()) {
                KeyValue<String, ShadowWorkflow> next = all.next();
                kept.add(next.value);
                if (kept.size() > limit) {
                    kept.poll();
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("the shadow store is not queryable now: " + e.getMessage(), e);
        } catch (ProcessorStateException e) {
            throw new StoreUnavailableException("the shadow store could not be read: " + e.getMessage(), e);
        }
        return kept.stream().sorted(DashboardWorkflows.ORDER).toList();
    }

    @Override
    public List<HostInfo> peers() {
        if (self.equals(HostInfo.unavailable())) {
            return List.of();
        }
        return streams.metadataForAllStreamsClients().stream()
                .filter(client -> client.stateStoreNames().contains(storeName))
                .map(StreamsMetadata::hostInfo).filter(host -> !host.equals(self)).distinct().toList();
    }

    private ReadOnlyKeyValueStore<String, ShadowWorkflow> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(storeName,
                QueryableStoreTypes.<String, ShadowWorkflow>keyValueStore()));
    }
}
