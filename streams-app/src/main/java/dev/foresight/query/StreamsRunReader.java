package dev.foresight.query;

import dev.foresight.domain.workflow.RunKeys;
import dev.foresight.schema.state.ShadowWorkflow;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Range scans over the local run repository of the active tasks ({@link RunKeys} gives the key layout). */
public final class StreamsRunReader implements RunReader {

    private final Supplier<ReadOnlyKeyValueStore<String, ShadowWorkflow>> runs;
    private final Supplier<ReadOnlyKeyValueStore<String, String>> index;

    public StreamsRunReader(KafkaStreams streams, String runStore, String indexStore) {
        this(() -> store(streams, runStore), () -> store(streams, indexStore));
    }

    /** Over stores got anew for every read, as Kafka Streams hands out a store of the tasks running now. */
    public StreamsRunReader(Supplier<ReadOnlyKeyValueStore<String, ShadowWorkflow>> runs,
                            Supplier<ReadOnlyKeyValueStore<String, String>> index) {
        this.runs = runs;
        this.index = index;
    }

    @Override
    public void scan(String workflowType, Instant from, Instant to, Optional<String> startKey,
                     Predicate<ShadowWorkflow> visitor) {
        String first = RunKeys.runsFrom(workflowType, from);
        String start = startKey.filter(key -> key.compareTo(first) > 0).orElse(first);
        guarded(() -> {
            // no run key equals the end bound, so the scan ends before the runs that finished at `to`
            try (KeyValueIterator<String, ShadowWorkflow> range = runs.get().range(start,
                    RunKeys.runsFrom(workflowType, to))) {
                boolean more = true;
                while (more && range.hasNext()) {
                    more = visitor.test(range.next().value);
                }
            }
            return null;
        });
    }

    @Override
    public Optional<ShadowWorkflow> run(String workflowType, String workflowId) {
        return guarded(() -> Optional.ofNullable(index.get().get(RunKeys.byId(workflowType, workflowId)))
                .map(key -> runs.get().get(key)));
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    private static <T> T guarded(Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("the run repository is not queryable now: " + e.getMessage(), e);
        } catch (ProcessorStateException e) {
            throw new StoreUnavailableException("the run repository could not be read: " + e.getMessage(), e);
        }
    }
}
