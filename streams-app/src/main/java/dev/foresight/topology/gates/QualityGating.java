package dev.foresight.topology.gates;

import dev.foresight.domain.gates.GateSettings;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.GateDecision;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.serde.AvroSerdes;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Quality gates with configurable thresholds ({@link GateSettings}) on every deployment and every synthesized
 * pipeline stage of a service: build risk, test failure rate and anomaly state (see
 * {@code domain.gates.QualityGates}).
 *
 * <p>Inputs, all by service: the risk topic (the builds feature's scores, {@code buildId} set) and the pipeline
 * command topic (ADD_STAGE), read by {@code gates-command-source}; the validated pipeline events (test runs); the
 * validated deployment events (starts) and the delivery signals' anomaly scores, keyed by deployment and by series,
 * re-keyed by service through the repartition {@code gates-by-service}. Store: {@value GateProcessor#EVIDENCE_STORE}.
 * Processor: {@code gates-evaluate}. Output: a {@link GateDecision} (ALLOW or BLOCK with every check) per gated
 * deployment or stage on the gate topic, keyed by service.
 */
public final class QualityGating {

    private final AvroSerdes serdes;
    private final GateSettings settings;
    private final List<String> commandTopics;
    private final String gateTopic;

    /** @param riskTopic the build risk scores; @param pipelineCommandTopic the synthesized stages */
    public QualityGating(AvroSerdes serdes, GateSettings settings, String riskTopic, String pipelineCommandTopic,
                         String gateTopic) {
        this.serdes = serdes;
        this.settings = settings;
        this.commandTopics = List.of(riskTopic, pipelineCommandTopic);
        this.gateTopic = gateTopic;
    }

    public void build(StreamsBuilder builder, KStream<String, PipelineEvent> pipelines,
                      KStream<String, DeploymentEvent> deployments, KStream<String, AnomalyScore> anomalies) {
        Serde<SpecificRecord> any = serdes.valueSerde();
        KStream<String, SpecificRecord> byService = builder.stream(commandTopics,
                        Consumed.with(Serdes.String(), any).withName("gates-command-source"))
                .merge(pipelines.filter((service, event) -> event.getPayload() instanceof TestRunFinished,
                        Named.as("gates-test-runs")).mapValues(event -> (SpecificRecord) event,
                        Named.as("gates-test-run-records")), Named.as("gates-merge-by-service"));
        KStream<String, SpecificRecord> rekeyed = deployments
                .filter((id, event) -> event.getPayload() instanceof DeploymentStarted,
                        Named.as("gates-deployment-starts"))
                .mapValues(event -> (SpecificRecord) event, Named.as("gates-deployment-records"))
                .merge(anomalies.mapValues(score -> (SpecificRecord) score, Named.as("gates-anomaly-records")),
                        Named.as("gates-merge-to-rekey"))
                .selectKey((key, value) -> serviceOf(value), Named.as("gates-service-key"))
                .repartition(Repartitioned.<String, SpecificRecord>as("gates-by-service")
                        .withKeySerde(Serdes.String()).withValueSerde(any));
        byService.merge(rekeyed, Named.as("gates-merge"))
                .process(new GateProcessor(serdes, settings), Named.as("gates-evaluate"))
                .to(gateTopic, Produced.with(Serdes.String(), serdes.<GateDecision>valueSerde())
                        .withName("gates-decision-sink"));
    }

    private static String serviceOf(SpecificRecord value) {
        return value instanceof DeploymentEvent event ? event.getServiceId() : ((AnomalyScore) value).getServiceId();
    }
}
