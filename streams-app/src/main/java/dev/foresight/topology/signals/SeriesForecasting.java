package dev.foresight.topology.signals;

import dev.foresight.domain.signals.SeriesMetric;
import dev.foresight.domain.signals.SeriesOutlook;
import dev.foresight.predict.forecast.Forecast;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.ForecastNeed;
import dev.foresight.schema.commands.ForecastPoint;
import dev.foresight.schema.commands.NeedKind;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.topology.DecodedStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Forecasts each series from its scored (closed) minutes, in order: load the series' {@link SeriesOutlook},
 * add the minute, store it, and forward a {@link SeriesForecast} whenever a forecast step closed. Stores:
 * {@value #OUTLOOK_STORE} (each series' forecaster), {@value DeliverySignals#FORECAST_STORE} (its latest
 * forecast, which the series API answers with).
 */
final class SeriesForecasting implements ProcessorSupplier<String, AnomalyScore, String, SeriesForecast> {

    static final String OUTLOOK_STORE = "signals-outlook-store";

    private final SignalsSettings settings;
    private final Serde<SeriesForecast> forecastSerde;

    SeriesForecasting(SignalsSettings settings, Serde<SeriesForecast> forecastSerde) {
        this.settings = settings;
        this.forecastSerde = forecastSerde;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OUTLOOK_STORE),
                        Serdes.String(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DeliverySignals.FORECAST_STORE),
                        Serdes.String(), forecastSerde));
    }

    @Override
    public Processor<String, AnomalyScore, String, SeriesForecast> get() {
        return new Processor<>() {
            private ProcessorContext<String, SeriesForecast> context;
            private DecodedStates<SeriesOutlook> outlooks;
            private KeyValueStore<String, SeriesForecast> latest;

            @Override
            public void init(ProcessorContext<String, SeriesForecast> context) {
                this.context = context;
                this.outlooks = new DecodedStates<>(context.getStateStore(OUTLOOK_STORE), SeriesOutlook::toBytes,
                        SeriesScoring.DECODED_CAPACITY);
                this.latest = context.getStateStore(DeliverySignals.FORECAST_STORE);
            }

            @Override
            public void process(Record<String, AnomalyScore> record) {
                AnomalyScore minute = record.value();
                SeriesMetric metric = SeriesMetric.byId(minute.getMetric()).orElseThrow();
                long step = settings.forecastStep().toMillis();
                SeriesOutlook outlook = outlooks.get(record.key(),
                        state -> SeriesOutlook.fromBytes(metric, step, settings.forecast(), state),
                        () -> new SeriesOutlook(metric, step, settings.forecast()));
                try {
                    outlook.observe(minute.getWindowStart().toEpochMilli(), minute.getValue()).ifPresent(made -> {
                        SeriesForecast forecast = forecast(minute, made, step);
                        latest.put(record.key(), forecast);
                        context.forward(record.withValue(forecast));
                    });
                } catch (RuntimeException e) {
                    outlooks.forget(record.key());
                    throw e;
                }
                outlooks.put(record.key(), outlook);
            }
        };
    }

    private static SeriesForecast forecast(AnomalyScore minute, SeriesOutlook.Outlook made, long step) {
        Forecast forecast = made.forecast();
        List<ForecastPoint> points = new ArrayList<>();
        for (int h = 0; h < forecast.values().length; h++) {
            points.add(new ForecastPoint(h + 1, Instant.ofEpochMilli(made.nextStep() + h * step),
                    forecast.values()[h], forecast.lower()[h], forecast.upper()[h]));
        }
        ForecastNeed need = made.need().map(n -> new ForecastNeed(NeedKind.valueOf(n.kind()), n.value(), n.lower(),
                n.upper(), n.explanation())).orElse(null);
        return SeriesForecast.newBuilder().setServiceId(minute.getServiceId()).setMetric(minute.getMetric())
                .setIssuedAt(Instant.ofEpochMilli(made.nextStep())).setStepMs(step).setModel(forecast.model())
                .setRecentError(forecast.recentError()).setPoints(points).setNeed(need).build();
    }
}
