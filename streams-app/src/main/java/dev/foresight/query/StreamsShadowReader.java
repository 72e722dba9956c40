package dev.foresight.query;

import dev.foresight.schema.state.ShadowWorkflow;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the local shadow store of the active tasks of this instance. */
public final class StreamsShadowReader implements ShadowReader {

    private final KafkaStreams streams;
    private final String storeName;

    public StreamsShadowReader(KafkaStreams streams, String store) {
        this.streams = streams;
        this.storeName = store;
    }

    @Override
    public Optional<ShadowWorkflow> read(String workflowId) {
        try {
            ReadOnlyKeyValueStore<String, ShadowWorkflow> store = streams.store(StoreQueryParameters.fromNameAndType(
                    storeName, QueryableStoreTypes.<String, ShadowWorkflow>keyValueStore()));
            return Optional.ofNullable(store.get(workflowId));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("the shadow store is not queryable now: " + e.getMessage(), e);
        } catch (ProcessorStateException e) {
            // a read RocksDB failed (a damaged block): the task will be rebuilt from its changelog
            throw new StoreUnavailableException("the shadow store could not be read: " + e.getMessage(), e);
        }
    }
}
