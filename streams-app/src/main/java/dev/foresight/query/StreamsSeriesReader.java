package dev.foresight.query;

import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.state.SeriesBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads the local window stores of the delivery signals. */
public final class StreamsSeriesReader implements SeriesReader {

    private final KafkaStreams streams;
    private final SeriesStores stores;

    public StreamsSeriesReader(KafkaStreams streams, SeriesStores stores) {
        this.streams = streams;
        this.stores = stores;
    }

    @Override
    public Duration fineStep() {
        return stores.fineStep();
    }

    @Override
    public Duration coarseStep() {
        return stores.coarseStep();
    }

    @Override
    public Duration fineRetention() {
        return stores.fineRetention();
    }

    @Override
    public NavigableMap<Instant, SeriesBucket> read(String seriesKey, Instant from, Instant to, boolean coarse) {
        String name = coarse ? stores.coarseStore() : stores.fineStore();
        NavigableMap<Instant, SeriesBucket> buckets = new TreeMap<>();
        try {
            ReadOnlyWindowStore<String, SeriesBucket> store = streams.store(StoreQueryParameters.fromNameAndType(
                    name, QueryableStoreTypes.<String, SeriesBucket>windowStore()));
            try (WindowStoreIterator<SeriesBucket> iterator = store.fetch(seriesKey, from, to.minusMillis(1))) {
                while (iterator.hasNext()) {
                    KeyValue<Long, SeriesBucket> bucket = iterator.next();
                    buckets.put(Instant.ofEpochMilli(bucket.key), bucket.value);
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("the series store is not queryable now: " + e.getMessage(), e);
        }
        return buckets;
    }

    @Override
    public Optional<SeriesForecast> forecast(String seriesKey) {
        try {
            ReadOnlyKeyValueStore<String, SeriesForecast> store = streams.store(StoreQueryParameters.fromNameAndType(
                    stores.forecastStore(), QueryableStoreTypes.<String, SeriesForecast>keyValueStore()));
            return Optional.ofNullable(store.get(seriesKey));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("the forecast store is not queryable now: " + e.getMessage(), e);
        }
    }
}
