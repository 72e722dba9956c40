package dev.foresight.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Writes one tombstone to the changelog of every logged store when its task starts processing, so that no
 * changelog stays empty.
 *
 * <p>Why: under exactly-once, a task whose state directory holds any file is wiped and restored from
 * scratch, whole, when one of its stores has no offset in the task's checkpoint (Kafka Streams cannot tell
 * whether such a store holds uncommitted writes). A store whose changelog partition never had a record never
 * gets an offset, so its task was wiped, and a rebalance forced, every time it moved: at every failover and
 * every restart. The ingest task holds a duplicate-check store per input, and one idle input (a fleet topic
 * nobody uses, a compacted topology topic whose few keys miss a partition) is enough. A tombstone of a key
 * no record has changes no store and gives the changelog its offset.
 *
 * <p>Installed for every topology by {@link NamedTopologies}, so every processor and every future store is
 * covered without code of its own. A store is primed through the processor that declares it; a window store
 * only while it is empty, at time 0, so that it neither expires a segment nor moves its stream time, and
 * below its cache: the DSL's cache (the one with a flush listener, behind every windowed aggregate) drops
 * the tombstone of a key it never held, so the changelog of a window aggregate whose partition had no
 * record stayed empty, and its task was wiped at every start even after a clean stop.
 */
public final class ChangelogPrimer implements ProcessorWrapper {

    /** No record key we write starts with a NUL. */
    static final String KEY = "\u0000changelog-primer";
    /** {@link #KEY} as our stores' String serde writes it. */
    private static final Bytes KEY_BYTES = Bytes.wrap(KEY.getBytes(StandardCharsets.UTF_8));
    /** As soon as the task processes: punctuation runs only for running active tasks. */
    private static final Duration FIRST_ROUND = Duration.ofMillis(1);

    @Override
    public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        List<String> logged = loggedStores(supplier.stores());
        if (logged.isEmpty()) {
            return ProcessorWrapper.asWrapped(supplier);
        }
        return new WrappedProcessorSupplier<>() {
            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }

            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return new PrimingProcessor<>(supplier.get(), logged);
            }
        };
    }

    @Override
    public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        List<String> logged = loggedStores(supplier.stores());
        if (logged.isEmpty()) {
            return ProcessorWrapper.asWrappedFixedKey(supplier);
        }
        return new WrappedFixedKeyProcessorSupplier<>() {
            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }

            @Override
            public FixedKeyProcessor<KIn, VIn, VOut> get() {
                return new PrimingFixedKeyProcessor<>(supplier.get(), logged);
            }
        };
    }

    private static List<String> loggedStores(Set<StoreBuilder<?>> stores) {
        return stores == null ? List.of()
                : stores.stream().filter(StoreBuilder::loggingEnabled).map(StoreBuilder::name).sorted().toList();
    }

    /** The one-shot punctuation that primes {@code stores}, from the processor's context. */
    private static final class Priming {

        private final List<String> stores;
        private Cancellable scheduled;

        Priming(List<String> stores) {
            this.stores = stores;
        }

        void schedule(ProcessingContext context) {
            scheduled = context.schedule(FIRST_ROUND, PunctuationType.WALL_CLOCK_TIME, now -> {
                scheduled.cancel();
                stores.forEach(name -> prime(context.getStateStore(name)));
            });
        }

        @SuppressWarnings("unchecked")
        private static void prime(StateStore store) {
            try {
                if (store instanceof KeyValueStore<?, ?> kv) {
                    ((KeyValueStore<Object, Object>) kv).delete(KEY);
                } else if (store instanceof WindowStore<?, ?> window && isEmpty(window)) {
                    changeLogging(store).ifPresentOrElse(bytes -> bytes.put(KEY_BYTES, null, 0L),
                            () -> ((WindowStore<Object, Object>) window).put(KEY, null, 0L));
                }
            } catch (ClassCastException | SerializationException notAStringKey) {
                // every store of ours has String keys; one that does not is left as Kafka Streams keeps it
            }
        }

        /**
         * The layer of the store that writes its changelog. Kafka Streams names it, and no public type marks it:
         * every layer of a store (metered, caching, change-logging, RocksDB) is a {@link WrappedStateStore}.
         */
        @SuppressWarnings("unchecked")
        private static Optional<WindowStore<Bytes, byte[]>> changeLogging(StateStore store) {
            for (StateStore layer = store; layer instanceof WrappedStateStore<?, ?, ?> wrapped; layer = wrapped.wrapped()) {
                if (layer.getClass().getSimpleName().startsWith("ChangeLogging") && layer instanceof WindowStore<?, ?>) {
                    return Optional.of((WindowStore<Bytes, byte[]>) layer);
                }
            }
            return Optional.empty();
        }

        private static boolean isEmpty(WindowStore<?, ?> window) {
            try (KeyValueIterator<?, ?> all = window.all()) {
                return !all.hasNext();
            }
        }
    }

    private static final class PrimingProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {

        private final Processor<KIn, VIn, KOut, VOut> delegate;
        private final Priming priming;

        PrimingProcessor(Processor<KIn, VIn, KOut, VOut> delegate, List<String> stores) {
            this.delegate = delegate;
            this.priming = new Priming(stores);
        }

        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            delegate.init(context);
            priming.schedule(context);
        }

        @Override
        public void process(Record<KIn, VIn> record) {
            delegate.process(record);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static final class PrimingFixedKeyProcessor<KIn, VIn, VOut> implements FixedKeyProcessor<KIn, VIn, VOut> {

        private final FixedKeyProcessor<KIn, VIn, VOut> delegate;
        private final Priming priming;

        PrimingFixedKeyProcessor(FixedKeyProcessor<KIn, VIn, VOut> delegate, List<String> stores) {
            this.delegate = delegate;
            this.priming = new Priming(stores);
        }

        @Override
        public void init(FixedKeyProcessorContext<KIn, VOut> context) {
            delegate.init(context);
            priming.schedule(context);
        }

        @Override
        public void process(FixedKeyRecord<KIn, VIn> record) {
            delegate.process(record);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
