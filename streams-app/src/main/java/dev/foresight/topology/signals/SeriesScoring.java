package dev.foresight.topology.signals;

import dev.foresight.domain.signals.SeriesMetric;
import dev.foresight.domain.signals.SeriesWatch;
import dev.foresight.schema.commands.AlertChange;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.state.SeriesBucket;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Scores each closed fine bucket of a series with that series' {@link SeriesWatch}: load the watch,
 * observe the bucket's value, store the watch, forward the score.
 */
final class SeriesScoring implements ProcessorSupplier<Windowed<String>, SeriesBucket, String, AnomalyScore> {

    static final String WATCH_STORE = "signals-watch-store";

    private final SignalsSettings settings;

    SeriesScoring(SignalsSettings settings) {
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WATCH_STORE),
                Serdes.String(), Serdes.ByteArray()));
    }

    @Override
    public Processor<Windowed<String>, SeriesBucket, String, AnomalyScore> get() {
        return new Processor<>() {
            private ProcessorContext<String, AnomalyScore> context;
            private KeyValueStore<String, byte[]> watches;

            @Override
            public void init(ProcessorContext<String, AnomalyScore> context) {
                this.context = context;
                this.watches = context.getStateStore(WATCH_STORE);
            }

            @Override
            public void process(Record<Windowed<String>, SeriesBucket> record) {
                String key = record.key().key();
                int slash = key.indexOf('/');
                SeriesMetric metric = SeriesMetric.byId(key.substring(slash + 1)).orElseThrow();
                double value = metric.valueOf(record.value().getCount(), record.value().getSum());
                SeriesWatch watch = load(key);
                SeriesWatch.Observation observation = watch.observe(value);
                watches.put(key, watch.toBytes());
                AnomalyScore score = new AnomalyScore(key.substring(0, slash), metric.id(),
                        Instant.ofEpochMilli(record.key().window().start()), value, observation.score(),
                        observation.alerting(), AlertChange.valueOf(observation.transition().name()));
                context.forward(new Record<>(key, score, record.timestamp()));
            }

            private SeriesWatch load(String key) {
                byte[] state = watches.get(key);
                return state == null ? new SeriesWatch(settings.detector(), settings.clearBelow(), settings.clearAfter())
                        : SeriesWatch.fromBytes(settings.detector(), settings.clearBelow(), settings.clearAfter(), state);
            }
        };
    }
}
