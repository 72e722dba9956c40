package dev.foresight.topology.telemetry;

import dev.foresight.deadletter.Checked;
import dev.foresight.deadletter.DeadLetters;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Dead-letters what a downstream window would drop or should not count, in front of a re-keyed window
 * aggregation whose task merges many sources (hosts) that reach it unevenly.
 *
 * <p><b>Late</b> is judged by each source's own progress: a record more than {@code grace} older than the
 * newest record of its source. Within one source order survives the repartition (one source, one upstream
 * partition), so this verdict is the same whether the sources arrive in step (live) or one after another
 * (a backlog drained task by task, a second instance starting later): a reset-and-reprocess keeps exactly
 * what the live run kept. Judging by the task's stream time instead dead-lettered most of a replayed
 * backlog, and a different part each time.
 *
 * <p><b>Too far behind the others</b>: the window aggregation still closes windows by the task's stream
 * time, the newest record of <i>any</i> source; its grace is {@code skew}, generous enough for a backlog.
 * What is older than {@code streamTime - skew} would be dropped unseen, so it is dead-lettered here. A
 * record no older than that fits even its earliest window (which ends after the record), so everything
 * let through is counted in all its windows.
 */
final class LateRecordGate<V> implements FixedKeyProcessor<String, V, Checked<V>> {

    private final String stage;
    private final String progressStore;
    private final long graceMs;
    private final long skewMs;
    private final Function<V, String> source;
    private final Serializer<V> serializer;
    private FixedKeyProcessorContext<String, Checked<V>> context;
    private KeyValueStore<String, Long> newestBySource;

    private LateRecordGate(String stage, String progressStore, Duration grace, Duration skew,
                           Function<V, String> source, Serializer<V> serializer) {
        this.stage = stage;
        this.progressStore = progressStore;
        this.graceMs = grace.toMillis();
        this.skewMs = skew.toMillis();
        this.source = source;
        this.serializer = serializer;
    }

    /**
     * @param progressStore persistent store of the newest timestamp per source, declared by the supplier
     * @param source        the source (e.g. host) of a record
     */
    static <V> FixedKeyProcessorSupplier<String, V, Checked<V>> supplier(
            String stage, String progressStore, Duration grace, Duration skew, Function<V, String> source,
            Serializer<V> serializer) {
        StoreBuilder<KeyValueStore<String, Long>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(progressStore), Serdes.String(), Serdes.Long()).withCachingEnabled();
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, V, Checked<V>> get() {
                return new LateRecordGate<>(stage, progressStore, grace, skew, source, serializer);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<V>> context) {
        this.context = context;
        this.newestBySource = context.getStateStore(progressStore);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        String from = source.apply(record.value());
        Long newest = newestBySource.get(from);
        long streamTime = context.currentStreamTimeMs();
        if (newest != null && record.timestamp() < newest - graceMs) {
            reject(record, "late by " + (newest - record.timestamp()) + " ms behind the newest record of " + from
                    + ", more than the window grace of " + graceMs + " ms");
        } else if (record.timestamp() < streamTime - skewMs) {
            reject(record, (streamTime - record.timestamp()) + " ms behind the stream time of its task (other sources "
                    + "are that far ahead), more than the windows allow: " + skewMs + " ms");
        } else {
            if (newest == null || record.timestamp() > newest) {
                newestBySource.put(from, record.timestamp());
            }
            context.forward(record.withValue(Checked.valid(record.value())));
        }
    }

    private void reject(FixedKeyRecord<String, V> record, String reason) {
        byte[] value = serializer.serialize(context.recordMetadata().map(RecordMetadata::topic).orElse(""), record.value());
        context.forward(record.withValue(Checked.rejected(DeadLetters.rejected(context, record, stage, reason, null, value))));
    }
}
