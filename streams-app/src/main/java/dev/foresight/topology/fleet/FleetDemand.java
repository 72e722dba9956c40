package dev.foresight.topology.fleet;

import dev.foresight.domain.fleet.FleetDemandTracker;
import dev.foresight.domain.fleet.FleetSettings;
import dev.foresight.predict.demand.RateForecasterFactory;
import dev.foresight.predict.demand.SeasonalRateForecaster;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.schema.state.FleetBucket;
import dev.foresight.schema.state.FleetDemandState;
import dev.foresight.schema.internal.FleetInput;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.Sinks;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Fleet demand posture: compares each fleet's recent request rate with its baseline every few minutes,
 * forecasts the rate over the horizon, and publishes the seed's report and allocation commands.
 *
 * <p><b>Inputs:</b> validated {@code fleet.requests.v1} and {@code fleet.heartbeats.v1} (key fleetId).
 * <b>Repartition:</b> {@value #BY_FLEET} (values {@code FleetInput}, an Avro union of the two): both inputs through
 * one topic, so one task sees a fleet's requests and heartbeats in one order whatever partitioner produced them.
 * <b>Stores</b> (persistent, changelogged): {@value #BUCKET_STORE} (window store, fleetId → FleetBucket
 * per bucket start; uncached, as the caching layer's iterator fails on ranges over several segments),
 * {@value #STATE_STORE} (fleetId → FleetDemandState: next report time, held level,
 * live commands, forecaster checkpoint).
 * <b>Outputs</b> ({@link FleetTopics}): the reports topic (key fleetId, {@code DemandReport}) and the allocations topic
 * (BOOST of {@code <fleet>/local-inference}, THROTTLE of {@code <fleet>/<caller>}; key target).
 */
public final class FleetDemand {

    public static final String BUCKET_STORE = "fleet-bucket-store";
    public static final String STATE_STORE = "fleet-demand-state-store";
    public static final String BY_FLEET = "fleet-inputs-by-fleet";

    private final FleetSettings settings;
    private final RateForecasterFactory forecasters;
    private final FleetTopics topics;
    private final Serde<FleetInput> inputSerde;
    private final Serde<FleetBucket> bucketSerde;
    private final Serde<FleetDemandState> stateSerde;

    public FleetDemand(AvroSerdes serdes, FleetSettings settings, FleetTopics topics) {
        this(serdes, settings, SeasonalRateForecaster.factory(settings.forecasting()), topics);
    }

    public FleetDemand(AvroSerdes serdes, FleetSettings settings, RateForecasterFactory forecasters,
                       FleetTopics topics) {
        this.settings = settings;
        this.forecasters = forecasters;
        this.topics = topics;
        this.inputSerde = serdes.valueSerde();
        this.bucketSerde = serdes.valueSerde();
        this.stateSerde = serdes.valueSerde();
    }

    public void build(KStream<String, RequestMetricEvent> requests, KStream<String, FleetHeartbeatEvent> heartbeats) {
        requests.mapValues(FleetInput::new, Named.as("fleet-requests"))
                .merge(heartbeats.mapValues(FleetInput::new, Named.as("fleet-heartbeats")),
                        Named.as("fleet-merge-heartbeats"))
                .repartition(Repartitioned.<String, FleetInput>as(BY_FLEET)
                        .withKeySerde(Serdes.String()).withValueSerde(inputSerde))
                .mapValues(input -> (SpecificRecord) input.getInput(), Named.as("fleet-input"))
                .process(new DemandSupplier(), Named.as("fleet-demand"))
                .split(Named.as("fleet-output-"))
                .branch((key, out) -> out instanceof FleetOutput.Report, Branched.withConsumer(reports -> reports
                        .mapValues(out -> ((FleetOutput.Report) out).report(), Named.as("fleet-report"))
                        .to(topics.reports().name(), Sinks.produced(topics.reports(), "fleet-report-sink")),
                        "report"))
                .branch((key, out) -> out instanceof FleetOutput.Command, Branched.withConsumer(commands -> commands
                        .mapValues(out -> ((FleetOutput.Command) out).command(), Named.as("fleet-command"))
                        .to(topics.allocations().name(), Sinks.produced(topics.allocations(), "fleet-command-sink")),
                        "command"))
                .noDefaultBranch();
    }

    private final class DemandSupplier implements ProcessorSupplier<String, SpecificRecord, String, FleetOutput> {

        @Override
        public Processor<String, SpecificRecord, String, FleetOutput> get() {
            return new FleetDemandProcessor(new FleetDemandTracker(settings, forecasters));
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.windowStoreBuilder(Stores.persistentWindowStore(BUCKET_STORE, settings.retention(),
                            settings.bucket(), false), Serdes.String(), bucketSerde),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), stateSerde)
                            .withCachingEnabled());
        }
    }
}
