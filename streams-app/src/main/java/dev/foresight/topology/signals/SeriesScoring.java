package dev.foresight.topology.signals;

import dev.foresight.domain.signals.SeriesMetric;
import dev.foresight.domain.signals.SeriesWatch;
import dev.foresight.schema.commands.AlertChange;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.state.SeriesBucket;
import dev.foresight.topology.DecodedStates;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Scores each fine bucket of a series once the series itself has moved {@code grace} past the bucket's
 * end: on every update of the fine store (key series, value the bucket's start, at its newest point), the
 * minutes that closed by that series' newest point are read from the store in order and each is observed
 * by the series' {@link SeriesWatch} (load, observe, store, forward). The task's stream time is not used: it is set by whichever series of the task is furthest
 * ahead, which while a backlog is read can be hours ahead of this one. Points that reach a minute after
 * it was scored still count in the store, not in the score.
 *
 * <p>Stores: {@value #WATCH_STORE} (each series' detector and alert state), {@value #SCORED_STORE} (the
 * start of the last minute scored per series); reads {@value DeliverySignals#FINE_STORE}.
 */
final class SeriesScoring implements ProcessorSupplier<String, Long, String, AnomalyScore> {

    static final String WATCH_STORE = "signals-watch-store";
    static final String SCORED_STORE = "signals-scored-store";
    /**
     * Series whose decoded state a task keeps, per processor: a live detector is ≈ 50 kB, so at most
     * ≈ 13 MB per task; a task with more series decodes the least recently scored ones again.
     */
    static final int DECODED_CAPACITY = 256;

    private final SignalsSettings settings;

    SeriesScoring(SignalsSettings settings) {
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WATCH_STORE),
                        Serdes.String(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCORED_STORE), Serdes.String(), Serdes.Long()));
    }

    @Override
    public Processor<String, Long, String, AnomalyScore> get() {
        return new Scorer();
    }

    private final class Scorer implements Processor<String, Long, String, AnomalyScore> {

        private ProcessorContext<String, AnomalyScore> context;
        private DecodedStates<SeriesWatch> watches;
        private KeyValueStore<String, Long> scored;
        private TimestampedWindowStore<String, SeriesBucket> fine;

        @Override
        public void init(ProcessorContext<String, AnomalyScore> context) {
            this.context = context;
            this.watches = new DecodedStates<>(context.getStateStore(WATCH_STORE), SeriesWatch::toBytes,
                    DECODED_CAPACITY);
            this.scored = context.getStateStore(SCORED_STORE);
            this.fine = context.getStateStore(DeliverySignals.FINE_STORE);
        }

        @Override
        public void process(Record<String, Long> record) {
            String key = record.key();
            long step = settings.fineStep().toMillis();
            // The start of the newest bucket that closed: aligned, so a point that closes no bucket
            // returns here instead of loading, and rewriting, the series' detector (≈ 50 kB).
            long closedBy = record.timestamp() - settings.grace().toMillis() - step;
            long lastClosed = closedBy - Math.floorMod(closedBy, step);
            Long previous = scored.get(key);
            if (previous == null) {
                previous = record.value() - 1;
                scored.put(key, previous);
            }
            long from = previous + 1;
            if (lastClosed < from) {
                return;
            }
            SeriesWatch watch = watches.get(key, state -> SeriesWatch.fromBytes(settings.detector(),
                    settings.clearBelow(), settings.clearAfter(), state), () -> new SeriesWatch(settings.detector(),
                    settings.clearBelow(), settings.clearAfter()));
            if (scoreClosed(key, from, lastClosed, watch)) {
                watches.put(key, watch);
            }
            scored.put(key, lastClosed);
        }

        /** @return whether any bucket was observed (and so the watch changed) */
        private boolean scoreClosed(String key, long from, long lastClosed, SeriesWatch watch) {
            long step = settings.fineStep().toMillis();
            boolean observed = false;
            try (WindowStoreIterator<ValueAndTimestamp<SeriesBucket>> closed = fine.fetch(key, from, lastClosed)) {
                while (closed.hasNext()) {
                    KeyValue<Long, ValueAndTimestamp<SeriesBucket>> bucket = closed.next();
                    context.forward(new Record<>(key, score(key, bucket.key, bucket.value.value(), watch),
                            bucket.key + step));
                    observed = true;
                }
            } catch (RuntimeException e) {
                watches.forget(key);
                throw e;
            }
            return observed;
        }

        private AnomalyScore score(String key, long start, SeriesBucket bucket, SeriesWatch watch) {
            int slash = key.indexOf('/');
            SeriesMetric metric = SeriesMetric.byId(key.substring(slash + 1)).orElseThrow();
            double value = metric.valueOf(bucket.getCount(), bucket.getSum());
            SeriesWatch.Observation observation = watch.observe(value);
            return new AnomalyScore(key.substring(0, slash), metric.id(), Instant.ofEpochMilli(start), value,
                    observation.score(), observation.alerting(), AlertChange.valueOf(observation.transition().name()));
        }
    }
}
