package dev.foresight.ingest;

import dev.foresight.deadletter.Checked;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/** The validating processor of one family with its store of accepted event ids, {@code <family>-event-id-store}. */
final class ValidatingSupplier<V extends SpecificRecord> implements FixedKeyProcessorSupplier<String, byte[], Checked<V>> {

    private final EventFamily<V> family;
    private final Supplier<Deserializer<V>> deserializers;
    private final RecordBounds<V> bounds;
    private final Duration duplicateWindow;

    ValidatingSupplier(EventFamily<V> family, Supplier<Deserializer<V>> deserializers, RecordBounds<V> bounds,
                       Duration duplicateWindow) {
        this.family = family;
        this.deserializers = deserializers;
        this.bounds = bounds;
        this.duplicateWindow = duplicateWindow;
    }

    static String storeName(EventFamily<?> family) {
        return family.name() + "-event-id-store";
    }

    @Override
    public FixedKeyProcessor<String, byte[], Checked<V>> get() {
        return new ValidatingProcessor<>(family, deserializers.get(), bounds, storeName(family));
    }

    /** Kept for twice the window of event time, so an id is still found at the window's far edge. */
    @Override
    public Set<StoreBuilder<?>> stores() {
        StoreBuilder<WindowStore<String, Long>> store = Stores.windowStoreBuilder(
                Stores.persistentWindowStore(storeName(family), duplicateWindow.multipliedBy(2), duplicateWindow, false),
                Serdes.String(), Serdes.Long());
        return Set.of(store);
    }
}
