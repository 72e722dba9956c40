package dev.foresight.query;

import dev.foresight.schema.state.PipelineVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the local version store of pipeline synthesis, whose keys are {@code <serviceId>@<10-digit version>}. */
public final class StreamsPipelineVersionReader implements PipelineVersionReader {

    private final KafkaStreams streams;
    private final String store;

    public StreamsPipelineVersionReader(KafkaStreams streams, String store) {
        this.streams = streams;
        this.store = store;
    }

    @Override
    public List<PipelineVersion> versions(String serviceId) {
        List<PipelineVersion> versions = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, PipelineVersion> local = streams.store(StoreQueryParameters.fromNameAndType(
                    store, QueryableStoreTypes.<String, PipelineVersion>keyValueStore()));
            try (KeyValueIterator<String, PipelineVersion> all = local.prefixScan(serviceId + "@",
                    Serdes.String().serializer())) {
                all.forEachRemaining(entry -> versions.add(entry.value));
            }
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("the pipeline version store is not queryable now: " + e.getMessage(), e);
        }
        return versions;
    }
}
