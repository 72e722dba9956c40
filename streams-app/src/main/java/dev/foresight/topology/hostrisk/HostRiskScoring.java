package dev.foresight.topology.hostrisk;

import dev.foresight.domain.hostrisk.HostRiskOutputs;
import dev.foresight.domain.hostrisk.HostRiskScorer;
import dev.foresight.domain.hostrisk.HostRiskSettings;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.HostRiskProfile;
import dev.foresight.schema.state.HostRiskRound;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topic;
import dev.foresight.topology.Sinks;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Continuous host failure risk: every host of every service is scored each round, in and out of
 * deployments, against its own levels and its closest peers ({@link HostRiskScorer}).
 *
 * <p><b>Input:</b> validated telemetry keyed by serviceId (the shared telemetry-by-service repartition),
 * so one task sees every host of a service.
 * <b>Stores:</b> {@value #ROUND_STORE} (serviceId → HostRiskRound, the open round), {@value #PROFILE_STORE}
 * (serviceId/hostId → HostRiskProfile). Persistent and changelogged.
 * <b>Outputs</b> ({@link HostRiskTopics}): the risk-score topic (RiskScore with no deploymentId, key hostId)
 * and the alert topic (Alert of kind {@value HostRiskOutputs#ALERT_KIND}, raised after the debounce and cleared
 * with hysteresis, key hostId); the scores are also handed back to the topology, for the deployment guardian.
 */
public final class HostRiskScoring {

    public static final String ROUND_STORE = "hostrisk-round-store";
    public static final String PROFILE_STORE = "hostrisk-profile-store";

    private final HostRiskSettings settings;
    private final HostRiskTopics topics;
    private final Serde<HostRiskRound> roundSerde;
    private final Serde<HostRiskProfile> profileSerde;

    public HostRiskScoring(AvroSerdes serdes, HostRiskSettings settings, HostRiskTopics topics) {
        this.settings = settings;
        this.topics = topics;
        this.roundSerde = serdes.valueSerde();
        this.profileSerde = serdes.valueSerde();
    }

    /**
     * @param byService validated telemetry, key serviceId
     * @return the scores as they go to the risk-score topic (key hostId, still partitioned by service), for the
     *         features that act on them
     */
    public KStream<String, RiskScore> build(KStream<String, TelemetryEvent> byService) {
        Map<String, KStream<String, SpecificRecord>> outputs = byService
                .process(new ScoreSupplier(), Named.as("hostrisk-score"))
                .split(Named.as("hostrisk-output-"))
                .branch((hostId, out) -> out instanceof RiskScore, Branched.as("risk"))
                .defaultBranch(Branched.as("alert"));
        KStream<String, RiskScore> scores = sink(outputs.get("hostrisk-output-risk"), RiskScore.class,
                topics.riskScores(), "risk");
        sink(outputs.get("hostrisk-output-alert"), Alert.class, topics.alerts(), "alert");
        return scores;
    }

    private static <V extends SpecificRecord> KStream<String, V> sink(KStream<String, SpecificRecord> outputs,
                                                                      Class<V> type, Topic<String, V> topic,
                                                                      String name) {
        KStream<String, V> typed = outputs.mapValues(type::cast, Named.as("hostrisk-" + name + "-unwrap"));
        typed.to(topic.name(), Sinks.produced(topic, "hostrisk-" + name + "-sink"));
        return typed;
    }

    private final class ScoreSupplier implements ProcessorSupplier<String, TelemetryEvent, String, SpecificRecord> {

        @Override
        public Processor<String, TelemetryEvent, String, SpecificRecord> get() {
            return new HostRiskProcessor(new HostRiskScorer(settings));
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROUND_STORE), Serdes.String(), roundSerde),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILE_STORE), Serdes.String(),
                            profileSerde).withCachingEnabled());
        }
    }
}
