package dev.foresight.topology.signals;

import dev.foresight.schema.state.SeriesBucket;
import dev.foresight.schema.state.SeriesPoint;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Adds each series point to its fine and its coarse bucket (tumbling windows aligned to the epoch) and
 * forwards the start of the fine bucket it changed, keyed by series, at the time of the bucket's newest point.
 *
 * <p>Why not the DSL's windowed aggregation: it needs its input keyed by series, so every telemetry
 * sample crossed a repartition topic once per metric (five records per sample, more than every other
 * repartition of the application together). Points are made here from telemetry already keyed by
 * service, and a series never leaves its service's task. Nothing is dropped here: the lateness gate in
 * front lets through only points no older than the task's stream time minus the skew, which fit their
 * buckets (see {@link dev.foresight.deadletter.LateRecordGate}).
 *
 * <p>Stores: {@value DeliverySignals#FINE_STORE}, {@value DeliverySignals#COARSE_STORE} (window stores of
 * {@link SeriesBucket}, timestamped with the newest point of the bucket, cached).
 */
final class SeriesBucketing implements ProcessorSupplier<String, SeriesPoint, String, Long> {

    private final SignalsSettings settings;
    private final Serde<SeriesBucket> bucketSerde;

    SeriesBucketing(SignalsSettings settings, Serde<SeriesBucket> bucketSerde) {
        this.settings = settings;
        this.bucketSerde = bucketSerde;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(store(DeliverySignals.FINE_STORE, settings.fineStep(), settings.fineRetention()),
                store(DeliverySignals.COARSE_STORE, settings.coarseStep(), settings.coarseRetention()));
    }

    private StoreBuilder<TimestampedWindowStore<String, SeriesBucket>> store(String name, Duration step,
                                                                             Duration retention) {
        return Stores.timestampedWindowStoreBuilder(
                        Stores.persistentTimestampedWindowStore(name, retention.plus(settings.skew()), step, false),
                        Serdes.String(), bucketSerde)
                .withCachingEnabled();
    }

    @Override
    public Processor<String, SeriesPoint, String, Long> get() {
        return new Processor<>() {
            private ProcessorContext<String, Long> context;
            private TimestampedWindowStore<String, SeriesBucket> fine;
            private TimestampedWindowStore<String, SeriesBucket> coarse;

            @Override
            public void init(ProcessorContext<String, Long> context) {
                this.context = context;
                this.fine = context.getStateStore(DeliverySignals.FINE_STORE);
                this.coarse = context.getStateStore(DeliverySignals.COARSE_STORE);
            }

            @Override
            public void process(Record<String, SeriesPoint> record) {
                add(coarse, settings.coarseStep(), record);
                long fineStart = start(record.timestamp(), settings.fineStep());
                context.forward(new Record<>(record.key(), fineStart, add(fine, settings.fineStep(), record)));
            }

            /** @return the time of the bucket's newest point */
            private long add(TimestampedWindowStore<String, SeriesBucket> store, Duration step,
                             Record<String, SeriesPoint> record) {
                long start = start(record.timestamp(), step);
                ValueAndTimestamp<SeriesBucket> old = store.fetch(record.key(), start);
                SeriesBucket bucket = DeliverySignals.add(old == null ? DeliverySignals.EMPTY : old.value(),
                        record.value());
                long newest = old == null ? record.timestamp() : Math.max(old.timestamp(), record.timestamp());
                store.put(record.key(), ValueAndTimestamp.make(bucket, newest), start);
                return newest;
            }
        };
    }

    private static long start(long timestamp, Duration step) {
        return timestamp - Math.floorMod(timestamp, step.toMillis());
    }
}
