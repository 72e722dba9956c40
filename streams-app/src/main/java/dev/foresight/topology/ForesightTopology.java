package dev.foresight.topology;

import dev.foresight.deadletter.DeadLetterSplit;
import dev.foresight.ingest.IngestStage;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.predict.workflow.LstmNextActionPredictor;
import dev.foresight.predict.workflow.LstmSettings;
import dev.foresight.predict.workflow.NextActionPredictor;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.builds.BuildRiskScoring;
import dev.foresight.topology.deployment.DeploymentGuardian;
import dev.foresight.topology.fleet.FleetDemand;
import dev.foresight.topology.signals.DeliverySignals;
import dev.foresight.topology.signals.SignalsTopics;
import dev.foresight.topology.hostrisk.HostRiskScoring;
import dev.foresight.topology.orchestration.OrchestrationTopics;
import dev.foresight.topology.orchestration.ServiceOrchestration;
import dev.foresight.topology.synthesis.PipelineSynthesis;
import dev.foresight.topology.synthesis.SynthesisTopics;
import dev.foresight.topology.telemetry.TelemetryAggregation;
import dev.foresight.topology.workflow.WorkflowShadowing;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The whole application as one topology: validate the inputs, then hand each feature its streams.
 * Each stage's class documents its own topics and stores.
 */
public final class ForesightTopology {

    private final AvroSerdes serdes;
    private final TopologySettings settings;
    private final Supplier<NextActionPredictor> workflowPredictors;

    public ForesightTopology(AvroSerdes serdes, TopologySettings settings) {
        this(serdes, settings, () -> LstmNextActionPredictor.withBackgroundTraining(LstmSettings.defaults()));
    }

    /** @param workflowPredictors called once per stream task of the workflow feature */
    public ForesightTopology(AvroSerdes serdes, TopologySettings settings,
                             Supplier<NextActionPredictor> workflowPredictors) {
        this.serdes = serdes;
        this.settings = settings;
        this.workflowPredictors = workflowPredictors;
    }

    /** The topology with Kafka's defaults for topology-level settings, as tests and {@code describe()} need it. */
    public Topology build() {
        return build(new Properties());
    }

    /** @param streamsProperties the app's Streams settings; only topology-level ones (buffering, store type) matter */
    public Topology build(Properties streamsProperties) {
        StreamsBuilder builder = NamedTopologies.builder(streamsProperties);
        DeadLetterSplit deadLetters = deadLetters();
        ValidatedInputs inputs = new IngestStage(serdes, settings.ingest(), deadLetters).build(builder);
        new TelemetryAggregation(serdes, settings.aggregation(), deadLetters).build(inputs.telemetry());
        new WorkflowShadowing(serdes, settings.workflow(), workflowPredictors).build(inputs.workflows());
        new DeploymentGuardian(serdes, settings.deployment()).build(inputs);
        new FleetDemand(serdes, settings.fleet(), Topics.DEMAND_REPORTS.name(), Topics.ALLOCATIONS.name())
                .build(inputs.fleetRequests(), inputs.fleetHeartbeats());
        new DeliverySignals(serdes, settings.signals(), new SignalsTopics(Topics.ANOMALY_SCORES.name(),
                Topics.ALERTS.name(), Topics.SERIES_FORECASTS.name()), deadLetters)
                .build(inputs.telemetry(), inputs.pipelines(), inputs.deployments());
        hostRisk(inputs);
        new BuildRiskScoring(serdes, settings.builds(), Topics.RISK_SCORES.name(), Topics.ALERTS.name())
                .build(inputs.pipelines());
        new ServiceOrchestration(serdes, settings.orchestration(), new OrchestrationTopics(Topics.STARTUP_PLANS.name(),
                Topics.ORCHESTRATION_COMMANDS.name(), Topics.SERVICE_HEALTH.name(), Topics.ALERTS.name(),
                Topics.ROLLBACKS.name())).build(inputs.serviceTopology(), inputs.health());
        new PipelineSynthesis(serdes, settings.synthesis(), new SynthesisTopics(Topics.ANOMALY_SCORES.name(),
                Topics.SERIES_FORECASTS.name(), Topics.PIPELINE_TEMPLATES.name(), Topics.PIPELINE_COMMANDS.name(),
                Topics.PIPELINE_VERSIONS.name(), Topics.SYNTHESIS_DECISIONS.name())).build(builder, inputs.pipelines());
        return builder.build();
    }

    /**
     * Validation and continuous host risk alone: the part of the application that scores hosts, for
     * replaying recorded telemetry where the other features have nothing to see.
     */
    public Topology buildHostRisk() {
        StreamsBuilder builder = NamedTopologies.builder();
        hostRisk(new IngestStage(serdes, settings.ingest(), deadLetters()).build(builder));
        return builder.build();
    }

    /** The one dead-letter split every stage writes its rejects through. */
    private DeadLetterSplit deadLetters() {
        return new DeadLetterSplit(Topics.DEAD_LETTERS.name(), serdes.valueSerde());
    }

    private void hostRisk(ValidatedInputs inputs) {
        new HostRiskScoring(serdes, settings.hostRisk(), Topics.RISK_SCORES.name(), Topics.ALERTS.name())
                .build(inputs.telemetry());
    }
}
