package dev.foresight.app;

import dev.foresight.config.StreamsProperties;
import dev.foresight.metrics.ForesightMetrics;
import dev.foresight.metrics.PrometheusMetrics;
import dev.foresight.metrics.RecordMetrics;
import dev.foresight.predict.risk.RiskModel;
import dev.foresight.producers.EventSink;
import dev.foresight.query.OperationsApi;
import dev.foresight.query.PipelineApi;
import dev.foresight.query.QueryServer;
import dev.foresight.query.RunsApi;
import dev.foresight.query.SeriesApi;
import dev.foresight.query.ShadowCatalogue;
import dev.foresight.query.StreamsPipelineVersionReader;
import dev.foresight.query.SeriesStores;
import dev.foresight.query.StreamsSeriesReader;
import dev.foresight.query.StreamsShadowCatalogue;
import dev.foresight.query.StreamsRunReader;
import dev.foresight.query.StreamsShadowLocator;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.InternalTopics;
import dev.foresight.topology.TopologySettings;
import dev.foresight.topology.signals.DeliverySignals;
import dev.foresight.topology.signals.SignalsSettings;
import dev.foresight.topology.synthesis.PipelineSynthesis;
import dev.foresight.topology.workflow.WorkflowShadowing;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running Kafka Streams application: the Foresight topology on one {@link KafkaStreams} instance. */
final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A transaction younger than this is never fenced: far longer than the moment between reading the group's
     * members and listing the open transactions, in which a new member may join and begin one.
     */
    private static final Duration FENCE_AFTER = Duration.ofSeconds(3);

    private final KafkaStreams streams;
    private final TopologySettings settings;
    private final PrometheusMetrics metrics;
    private final Optional<DeadInstanceFencer> fencer;

    private StreamsApp(KafkaStreams streams, TopologySettings settings, PrometheusMetrics metrics,
                       Optional<DeadInstanceFencer> fencer) {
        this.streams = streams;
        this.settings = settings;
        this.metrics = metrics;
        this.fencer = fencer;
    }

    /**
     * Starts processing, after wiping local state that would fail its task on every start; a stream thread that
     * dies of a damaged store is replaced, one that dies of anything else takes the client down and reports to
     * {@code stop}.
     */
    /** @param riskModels the deployment guardian's starting models, when not the prior */
    static StreamsApp start(AvroSerdes serdes, TopologySettings settings, Optional<Supplier<RiskModel>> riskModels,
                            Properties streamsProperties, StopSignal stop) {
        LocalStateCheck.wipeDamagedTasks(Path.of(streamsProperties.getProperty(StreamsConfig.STATE_DIR_CONFIG)),
                StreamsProperties.applicationId(streamsProperties));
        PrometheusMetrics metrics = new PrometheusMetrics();
        Properties props = new Properties();
        props.putAll(streamsProperties);
        props.put(ForesightMetrics.CONFIG, metrics.foresight());
        ForesightTopology foresight = new ForesightTopology(
                serdes.observedBy(RecordMetrics.ofCatalogue(metrics.foresight())), settings);
        Topology topology = riskModels.map(foresight::withDeploymentRiskModels).orElse(foresight).build(props);
        KafkaStreams streams = new KafkaStreams(topology, props);
        metrics.bind(streams, InternalTopics.of(topology.describe()).stores());
        streams.setUncaughtExceptionHandler(new StreamThreadFailures());
        streams.setGlobalStateRestoreListener(new RestoreLog());
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                stop.fail("Kafka Streams went from " + before + " to ERROR");
            }
        });
        streams.start();
        Optional<DeadInstanceFencer> fencer = fencer(props);
        fencer.ifPresent(DeadInstanceFencer::start);
        return new StreamsApp(streams, settings, metrics, fencer);
    }

    /** Under exactly-once, the fencer of dead instances' open transactions (see {@link DeadInstanceFencer}). */
    private static Optional<DeadInstanceFencer> fencer(Properties props) {
        StreamsConfig config = new StreamsConfig(props);
        if (StreamsConfig.AT_LEAST_ONCE.equals(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
            return Optional.empty();
        }
        String clientId = "foresight-fencer";
        return Optional.of(new DeadInstanceFencer(Admin.create(config.getAdminConfigs(clientId)),
                config.getString(StreamsConfig.APPLICATION_ID_CONFIG), FENCE_AFTER,
                DeadInstanceFencer.producers(config.getProducerConfigs(clientId))));
    }

    /** What {@code run} executes and {@code reset} derives the internal topics from. */
    static Topology topology(AvroSerdes serdes, TopologySettings settings, Properties streamsProperties) {
        return new ForesightTopology(serdes, settings).build(streamsProperties);
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The shadow, series and operations REST API over this app's stores and metrics, not started yet.
     *
     * @param self this instance's application.server
     */
    QueryServer queryServer(EventSink sink, HostInfo self) {
        SignalsSettings signals = settings.signals();
        SeriesStores seriesStores = new SeriesStores(DeliverySignals.FINE_STORE, DeliverySignals.COARSE_STORE,
                DeliverySignals.FORECAST_STORE, signals.fineStep(), signals.coarseStep(), signals.fineRetention());
        return new QueryServer(streams, WorkflowShadowing.SHADOW_STORE, sink, self)
                .withSeries(new SeriesApi(new StreamsShadowLocator(streams, DeliverySignals.FINE_STORE, self),
                        new StreamsSeriesReader(streams, seriesStores), Clock.systemUTC()))
                .withRuns(new RunsApi(new StreamsShadowLocator(streams, WorkflowShadowing.RUNS_STORE, self),
                        new StreamsRunReader(streams, WorkflowShadowing.RUNS_STORE, WorkflowShadowing.RUN_INDEX_STORE),
                        Clock.systemUTC()))
                .withPipelines(new PipelineApi(new StreamsShadowLocator(streams, PipelineSynthesis.PIPELINE_STORE, self),
                        new StreamsPipelineVersionReader(streams, PipelineSynthesis.VERSION_STORE)))
                .withOperations(new OperationsApi(streams::state, metrics::scrape, metrics.foresight()));
    }

    /** The local shadow store and the other instances, for the dashboard's workflow list. */
    ShadowCatalogue shadowCatalogue(HostInfo self) {
        return new StreamsShadowCatalogue(streams, WorkflowShadowing.SHADOW_STORE, self);
    }

    /**
     * Leaves the consumer group on the way out: otherwise the next start waits for this member's
     * session to time out (45 s) before it gets its tasks back.
     */
    @Override
    public void close() {
        CloseOptions options = CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT);
        fencer.ifPresent(DeadInstanceFencer::close);
        try {
            if (!streams.close(options)) {
                LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
            }
        } finally {
            metrics.close();
        }
    }
}
