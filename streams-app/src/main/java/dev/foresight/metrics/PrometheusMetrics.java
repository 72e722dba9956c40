package dev.foresight.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The app's Prometheus registry: JVM meters, Kafka Streams' own metrics ({@code kafka_stream_*}), the
 * {@link ForesightMetrics} of the topology and the REST API, and {@code foresight_store_entries{store}}, the
 * approximate entries of each local key-value store (window stores have no count and are left out).
 */
public final class PrometheusMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ForesightMetrics foresight = new MicrometerMetrics(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<KafkaStreamsMetrics> bound = new ArrayList<>();
    private MultiGauge storeEntries;
    private Runnable refreshStores = () -> { };

    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** Where the topology, the models and the REST API report. */
    public ForesightMetrics foresight() {
        return foresight;
    }

    /** Adds the meters of a Kafka Streams client and the sizes of its {@code stores}. */
    public synchronized void bind(KafkaStreams streams, Collection<String> stores) {
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        bound.add(streamsMetrics);
        storeEntries = MultiGauge.builder("foresight.store.entries")
                .description("Approximate entries of a local key-value store").register(registry);
        List<String> names = List.copyOf(stores);
        refreshStores = () -> storeEntries.register(names.stream()
                .flatMap(store -> entries(streams, store).stream()
                        .map(count -> MultiGauge.Row.of(Tags.of("store", store), count)))
                .toList(), true);
    }

    /** The Prometheus text exposition of every meter, store sizes read now. */
    public synchronized String scrape() {
        refreshStores.run();
        return registry.scrape();
    }

    /** Empty while the store is not queryable here (not running, migrating) or is not a key-value store. */
    private static Optional<Long> entries(KafkaStreams streams, String store) {
        try {
            return Optional.of(streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<Object, Object>keyValueStore())).approximateNumEntries());
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        bound.forEach(KafkaStreamsMetrics::close);
        gc.close();
        registry.close();
    }
}
