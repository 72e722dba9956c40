package dev.foresight.topology.gates;

import dev.foresight.domain.gates.GateSettings;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.GateDecision;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.internal.GateInput;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.Sinks;
import dev.foresight.topology.Sources;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Quality gates with configurable thresholds ({@link GateSettings}) on every deployment and every synthesized
 * pipeline stage of a service: build risk, test failure rate and anomaly state (see
 * {@code domain.gates.QualityGates}).
 *
 * <p>Inputs, all by service: the risk topic (the builds feature's scores, {@code buildId} set) and the pipeline
 * command topic (ADD_STAGE), read by {@code gates-risk-source} and {@code gates-command-source}; the validated pipeline events (test runs); the
 * validated deployment events (starts) and the delivery signals' anomaly scores, keyed by deployment and by series,
 * re-keyed by service through the repartition {@code gates-by-service} (values {@code GateInput}, an Avro union of
 * the two). Store: {@value GateProcessor#EVIDENCE_STORE}.
 * Processor: {@code gates-evaluate}. Output: a {@link GateDecision} (ALLOW or BLOCK with every check) per gated
 * deployment or stage on the gate topic, keyed by service.
 */
public final class QualityGating {

    private final AvroSerdes serdes;
    private final GateSettings settings;
    private final GateTopics topics;

    public QualityGating(AvroSerdes serdes, GateSettings settings, GateTopics topics) {
        this.serdes = serdes;
        this.settings = settings;
        this.topics = topics;
    }

    public void build(StreamsBuilder builder, KStream<String, PipelineEvent> pipelines,
                      KStream<String, DeploymentEvent> deployments, KStream<String, AnomalyScore> anomalies) {
        KStream<String, SpecificRecord> byService = builder
                .stream(topics.riskScores().name(), Sources.consumed(topics.riskScores(), "gates-risk-source"))
                .mapValues(risk -> (SpecificRecord) risk, Named.as("gates-risk-records"))
                .merge(builder.stream(topics.pipelineCommands().name(),
                                Sources.consumed(topics.pipelineCommands(), "gates-command-source"))
                        .mapValues(command -> (SpecificRecord) command, Named.as("gates-command-records")),
                        Named.as("gates-merge-commands"))
                .merge(pipelines.filter((service, event) -> event.getPayload() instanceof TestRunFinished,
                        Named.as("gates-test-runs")).mapValues(event -> (SpecificRecord) event,
                        Named.as("gates-test-run-records")), Named.as("gates-merge-by-service"));
        KStream<String, SpecificRecord> rekeyed = deployments
                .filter((id, event) -> event.getPayload() instanceof DeploymentStarted,
                        Named.as("gates-deployment-starts"))
                .mapValues(GateInput::new, Named.as("gates-deployment-records"))
                .merge(anomalies.mapValues(GateInput::new, Named.as("gates-anomaly-records")),
                        Named.as("gates-merge-to-rekey"))
                .selectKey((key, value) -> serviceOf(value.getInput()), Named.as("gates-service-key"))
                .repartition(Repartitioned.<String, GateInput>as("gates-by-service")
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.<GateInput>valueSerde()))
                .mapValues(value -> (SpecificRecord) value.getInput(), Named.as("gates-by-service-records"));
        byService.merge(rekeyed, Named.as("gates-merge"))
                .process(new GateProcessor(serdes, settings), Named.as("gates-evaluate"))
                .to(topics.decisions().name(), Sinks.produced(topics.decisions(), "gates-decision-sink"));
    }

    private static String serviceOf(Object value) {
        return value instanceof DeploymentEvent event ? event.getServiceId() : ((AnomalyScore) value).getServiceId();
    }
}
