package dev.foresight.topology.telemetry;

import dev.foresight.deadletter.Checked;
import dev.foresight.deadletter.DeadLetterSplit;
import dev.foresight.deadletter.LateRecordGate;
import dev.foresight.domain.telemetry.TelemetryStats;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.AggregateScope;
import dev.foresight.schema.state.TelemetryAggregate;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.Sinks;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Windowed telemetry statistics per host (tumbling) and per service (hopping), kept in named stores
 * that other features query, and published for analysts.
 *
 * <p>Input: validated {@code telemetry.events.v1}, keyed by host and, through {@link TelemetryByService}, by
 * service. Stores: {@value #HOST_STORE}, {@value #SERVICE_STORE},
 * {@value #HOST_PROGRESS_STORE} (newest timestamp per host, for the lateness verdict of {@link LateRecordGate}).
 * Output ({@link TelemetryTopics}): {@code telemetry.aggregates.v1},
 * and through the dead-letter split on {@code deadletter.v1} what arrived too late for its service windows.
 */
public final class TelemetryAggregation {

    public static final String HOST_STORE = "telemetry-host-window-store";
    public static final String SERVICE_STORE = "telemetry-service-window-store";
    static final String SERVICE_GATE = "telemetry-service-lateness";
    static final String HOST_PROGRESS_STORE = "telemetry-service-host-progress-store";

    private final AggregationSettings settings;
    private final Serde<TelemetryEvent> eventSerde;
    private final Serde<TelemetryAggregate> aggregateSerde;
    private final TelemetryTopics topics;
    private final DeadLetterSplit deadLetters;

    /** @param deadLetters where what arrives too late for the service windows goes */
    public TelemetryAggregation(AvroSerdes serdes, AggregationSettings settings, TelemetryTopics topics,
                                DeadLetterSplit deadLetters) {
        this.settings = settings;
        this.topics = topics;
        this.eventSerde = serdes.valueSerde();
        this.aggregateSerde = serdes.valueSerde();
        this.deadLetters = deadLetters;
    }

    /**
     * @param telemetry validated telemetry, key hostId
     * @param byService the same, key serviceId ({@link TelemetryByService})
     */
    public void build(KStream<String, TelemetryEvent> telemetry, KStream<String, TelemetryEvent> byService) {
        perHost(telemetry);
        perService(byService);
    }

    private void perHost(KStream<String, TelemetryEvent> telemetry) {
        KGroupedStream<String, TelemetryEvent> byHost =
                telemetry.groupByKey(Grouped.with("telemetry-by-host", Serdes.String(), eventSerde));
        publish(aggregate(byHost, TimeWindows.ofSizeAndGrace(settings.hostWindow(), settings.grace()),
                AggregateScope.HOST, HOST_STORE), "telemetry-host");
    }

    /**
     * Re-keyed by service, a task merges the partitions of many hosts, which reach it unevenly (e.g. while
     * a backlog is processed partition by partition): lateness is judged per host, and the windows stay
     * open for the skew between hosts (see {@link LateRecordGate}), so reprocessing keeps what live kept.
     */
    private void perService(KStream<String, TelemetryEvent> telemetryByService) {
        KStream<String, Checked<TelemetryEvent>> gated = telemetryByService
                .processValues(LateRecordGate.supplier(SERVICE_GATE, HOST_PROGRESS_STORE, settings.serviceGrace(),
                        settings.serviceSkew(), TelemetryEvent::getHostId, eventSerde.serializer()), Named.as(SERVICE_GATE));
        KGroupedStream<String, TelemetryEvent> byService = deadLetters
                .valid(gated, "telemetry-service", "late", "in-time")
                .groupByKey(Grouped.with("telemetry-service-group", Serdes.String(), eventSerde));
        TimeWindows hopping = TimeWindows.ofSizeAndGrace(settings.serviceWindow(), settings.serviceSkew())
                .advanceBy(settings.serviceAdvance());
        publish(aggregate(byService, hopping, AggregateScope.SERVICE, SERVICE_STORE), "telemetry-service");
    }

    private KStream<Windowed<String>, TelemetryAggregate> aggregate(
            KGroupedStream<String, TelemetryEvent> grouped, TimeWindows windows, AggregateScope scope, String store) {
        Duration queried = settings.serviceWindow().multipliedBy(2).plus(settings.serviceGrace());
        Duration open = Duration.ofMillis(windows.size() + windows.gracePeriodMs());
        Duration retention = open.compareTo(queried) > 0 ? open : queried;
        return grouped.windowedBy(windows)
                .aggregate(() -> TelemetryStats.empty(scope), TelemetryStats::add,
                        Named.as(store.replace("-store", "-aggregate")),
                        Materialized.<String, TelemetryAggregate, WindowStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(aggregateSerde)
                                .withRetention(retention))
                .toStream(Named.as(store.replace("-store", "-updates")));
    }

    private void publish(KStream<Windowed<String>, TelemetryAggregate> windowed, String prefix) {
        windowed.map((window, agg) -> KeyValue.pair(window.key(), stamped(window, agg)), Named.as(prefix + "-stamp"))
                .to(topics.aggregates().name(), Sinks.produced(topics.aggregates(), prefix + "-aggregate-sink"));
    }

    private static TelemetryAggregate stamped(Windowed<String> window, TelemetryAggregate agg) {
        return TelemetryAggregate.newBuilder(agg)
                .setId(window.key())
                .setWindowStart(window.window().startTime())
                .setWindowEnd(window.window().endTime())
                .build();
    }
}
