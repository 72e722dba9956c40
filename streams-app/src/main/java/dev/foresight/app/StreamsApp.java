package dev.foresight.app;

import dev.foresight.config.StreamsProperties;
import dev.foresight.producers.EventSink;
import dev.foresight.query.QueryServer;
import dev.foresight.query.SeriesApi;
import dev.foresight.query.SeriesStores;
import dev.foresight.query.StreamsSeriesReader;
import dev.foresight.query.StreamsShadowLocator;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologySettings;
import dev.foresight.topology.signals.DeliverySignals;
import dev.foresight.topology.signals.SignalsSettings;
import dev.foresight.topology.workflow.WorkflowShadowing;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running Kafka Streams application: the Foresight topology on one {@link KafkaStreams} instance. */
final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final TopologySettings settings;

    private StreamsApp(KafkaStreams streams, TopologySettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    /**
     * Starts processing, after wiping local state that would fail its task on every start; a stream thread that
     * dies takes the client down and reports to {@code stop}.
     */
    static StreamsApp start(AvroSerdes serdes, TopologySettings settings, Properties streamsProperties,
                            StopSignal stop) {
        LocalStateCheck.wipeDamagedTasks(Path.of(streamsProperties.getProperty(StreamsConfig.STATE_DIR_CONFIG)),
                StreamsProperties.applicationId(streamsProperties));
        KafkaStreams streams = new KafkaStreams(topology(serdes, settings, streamsProperties), streamsProperties);
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("Stream thread failed; stopping the application", error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setGlobalStateRestoreListener(new RestoreLog());
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                stop.fail("Kafka Streams went from " + before + " to ERROR");
            }
        });
        streams.start();
        return new StreamsApp(streams, settings);
    }

    /** What {@code run} executes and {@code reset} derives the internal topics from. */
    static Topology topology(AvroSerdes serdes, TopologySettings settings, Properties streamsProperties) {
        return new ForesightTopology(serdes, settings).build(streamsProperties);
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The shadow and series REST API over this app's stores, not started yet.
     *
     * @param self this instance's application.server
     */
    QueryServer queryServer(EventSink sink, HostInfo self) {
        SignalsSettings signals = settings.signals();
        return new QueryServer(streams, WorkflowShadowing.SHADOW_STORE, sink, self).withSeries(new SeriesApi(
                new StreamsShadowLocator(streams, DeliverySignals.FINE_STORE, self),
                new StreamsSeriesReader(streams, new SeriesStores(DeliverySignals.FINE_STORE, DeliverySignals.COARSE_STORE,
                        signals.fineStep(), signals.coarseStep(), signals.fineRetention())), Clock.systemUTC()));
    }

    /**
     * Leaves the consumer group on the way out: otherwise the next start waits for this member's
     * session to time out (45 s) before it gets its tasks back.
     */
    @Override
    public void close() {
        CloseOptions options = CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT);
        if (!streams.close(options)) {
            LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        }
    }
}
