package dev.foresight.topology;

import dev.foresight.deadletter.DeadLetterSplit;
import dev.foresight.ingest.IngestSettings;
import dev.foresight.ingest.IngestStage;
import dev.foresight.ingest.IngestTopics;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.predict.risk.RiskModel;
import dev.foresight.predict.workflow.LstmNextActionPredictor;
import dev.foresight.predict.workflow.LstmSettings;
import dev.foresight.predict.workflow.NextActionPredictor;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.alerting.AlertGrouping;
import dev.foresight.topology.alerting.AlertingTopics;
import dev.foresight.topology.builds.BuildRiskScoring;
import dev.foresight.topology.builds.BuildRiskTopics;
import dev.foresight.topology.deployment.DeploymentGuardian;
import dev.foresight.topology.deployment.DeploymentTopics;
import dev.foresight.topology.fleet.FleetDemand;
import dev.foresight.topology.fleet.FleetTopics;
import dev.foresight.topology.gates.GateTopics;
import dev.foresight.topology.gates.QualityGating;
import dev.foresight.topology.hostrisk.HostRiskScoring;
import dev.foresight.topology.hostrisk.HostRiskTopics;
import dev.foresight.topology.orchestration.OrchestrationTopics;
import dev.foresight.topology.orchestration.ServiceOrchestration;
import dev.foresight.topology.signals.DeliverySignals;
import dev.foresight.topology.signals.SignalsTopics;
import dev.foresight.topology.synthesis.PipelineSynthesis;
import dev.foresight.topology.synthesis.SynthesisTopics;
import dev.foresight.topology.telemetry.TelemetryAggregation;
import dev.foresight.topology.telemetry.TelemetryByService;
import dev.foresight.topology.telemetry.TelemetryTopics;
import dev.foresight.topology.workflow.WorkflowShadowing;
import dev.foresight.topology.workflow.WorkflowTopics;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole application as one topology: validate the inputs, then hand each feature its streams and
 * its topics. Each stage's class documents its own topics and stores.
 */
public final class ForesightTopology {

    /**
     * The store of continuous host risk profiles (key serviceId/hostId) of {@link #buildHostRisk()}, which an
     * evaluation reads at the end of one recording and seeds the next with, as a restarted application keeps them.
     */
    public static final String HOST_RISK_PROFILE_STORE = HostRiskScoring.PROFILE_STORE;

    private final AvroSerdes serdes;
    private final TopologySettings settings;
    private final Supplier<NextActionPredictor> workflowPredictors;
    /** Null: the guardian's own models, starting from the prior. */
    private final Supplier<RiskModel> riskModels;

    public ForesightTopology(AvroSerdes serdes, TopologySettings settings) {
        this(serdes, settings, () -> LstmNextActionPredictor.withBackgroundTraining(LstmSettings.defaults()));
    }

    /** @param workflowPredictors called once per stream task of the workflow feature */
    public ForesightTopology(AvroSerdes serdes, TopologySettings settings,
                             Supplier<NextActionPredictor> workflowPredictors) {
        this(serdes, settings, workflowPredictors, null);
    }

    private ForesightTopology(AvroSerdes serdes, TopologySettings settings,
                              Supplier<NextActionPredictor> workflowPredictors, Supplier<RiskModel> riskModels) {
        this.serdes = serdes;
        this.settings = settings;
        this.workflowPredictors = workflowPredictors;
        this.riskModels = riskModels;
    }

    /**
     * The same topology whose deployment guardian starts each task's risk model from {@code riskModels}
     * (a trained checkpoint) instead of the hand-set prior; a task that has a checkpoint of its own still
     * resumes from that.
     *
     * @param riskModels called once per stream task of the guardian; each model takes {@link HostFeatures#NAMES}
     */
    public ForesightTopology withDeploymentRiskModels(Supplier<RiskModel> riskModels) {
        return new ForesightTopology(serdes, settings, workflowPredictors, riskModels);
    }

    /** The topology with Kafka's defaults for topology-level settings, as tests and {@code describe()} need it. */
    public Topology build() {
        return build(new Properties());
    }

    /** @param streamsProperties the app's Streams settings; only topology-level ones (buffering, store type) matter */
    public Topology build(Properties streamsProperties) {
        StreamsBuilder builder = NamedTopologies.builder(streamsProperties);
        DeadLetterSplit deadLetters = deadLetterSplit(serdes);
        ValidatedInputs inputs = ingest(builder, deadLetters);
        KStream<String, TelemetryEvent> telemetryByService = telemetryByService(inputs);
        new TelemetryAggregation(serdes, settings.aggregation(), telemetryTopics(serdes), deadLetters)
                .build(inputs.telemetry(), telemetryByService);
        new WorkflowShadowing(serdes, settings.workflow(), workflowPredictors, workflowTopics(serdes))
                .build(inputs.workflows());
        deploymentGuardian(builder, inputs, hostRisk(telemetryByService));
        new FleetDemand(serdes, settings.fleet(), fleetTopics(serdes))
                .build(inputs.fleetRequests(), inputs.fleetHeartbeats());
        KStream<String, AnomalyScore> anomalies = new DeliverySignals(serdes, settings.signals(),
                signalsTopics(serdes), deadLetters).build(telemetryByService, inputs.pipelines(), inputs.deployments());
        new BuildRiskScoring(settings.builds(), buildRiskTopics(serdes)).build(inputs.pipelines());
        new ServiceOrchestration(serdes, settings.orchestration(), orchestrationTopics(serdes))
                .build(inputs.serviceTopology(), inputs.health());
        new PipelineSynthesis(serdes, settings.synthesis(), synthesisTopics(serdes)).build(builder, inputs.pipelines());
        new AlertGrouping(serdes, settings.alerting(), alertingTopics(serdes)).build(builder);
        new QualityGating(serdes, settings.gates(), gateTopics(serdes))
                .build(builder, inputs.pipelines(), inputs.deployments(), anomalies);
        return builder.build();
    }

    /**
     * Validation and continuous host risk alone: the part of the application that scores hosts, for
     * replaying recorded telemetry where the other features have nothing to see.
     */
    public Topology buildHostRisk() {
        StreamsBuilder builder = NamedTopologies.builder();
        hostRisk(telemetryByService(ingest(builder, deadLetterSplit(serdes))));
        return builder.build();
    }

    /**
     * Validation, continuous host risk and the deployment guardian alone (the guardian acts on the continuous
     * scores), for replaying recorded deployments through the guardian to train its risk model.
     */
    public Topology buildDeploymentGuardian() {
        StreamsBuilder builder = NamedTopologies.builder();
        ValidatedInputs inputs = ingest(builder, deadLetterSplit(serdes));
        deploymentGuardian(builder, inputs, hostRisk(telemetryByService(inputs)));
        return builder.build();
    }

    private void deploymentGuardian(StreamsBuilder builder, ValidatedInputs inputs, KStream<String, RiskScore> hostRisk) {
        DeploymentTopics topics = deploymentTopics(serdes);
        DeploymentGuardian guardian = riskModels == null
                ? new DeploymentGuardian(serdes, settings.deployment(), topics)
                : new DeploymentGuardian(serdes, settings.deployment(), riskModels, topics);
        guardian.build(builder, inputs, hostRisk);
    }

    private ValidatedInputs ingest(StreamsBuilder builder, DeadLetterSplit deadLetters) {
        return new IngestStage(serdes, settings.ingest(), ingestTopics(), deadLetters).build(builder);
    }

    /** The validated inputs alone, for the tests and benchmarks that build one feature on them. */
    public static ValidatedInputs ingest(StreamsBuilder builder, AvroSerdes serdes, IngestSettings settings) {
        return new IngestStage(serdes, settings, ingestTopics(), deadLetterSplit(serdes)).build(builder);
    }

    private KStream<String, TelemetryEvent> telemetryByService(ValidatedInputs inputs) {
        return TelemetryByService.of(inputs.telemetry(), serdes.valueSerde());
    }

    private KStream<String, RiskScore> hostRisk(KStream<String, TelemetryEvent> telemetryByService) {
        return new HostRiskScoring(serdes, settings.hostRisk(), hostRiskTopics(serdes)).build(telemetryByService);
    }

    // The only place in topology/ and ingest/ that names catalogue topics (checkstyle's import control
    // enforces it): each stage is handed its own descriptors. Public for the tests that build one stage.

    public static IngestTopics ingestTopics() {
        return new IngestTopics(Topics.TELEMETRY, Topics.WORKFLOWS, Topics.DEPLOYMENTS, Topics.PIPELINES,
                Topics.HEALTH, Topics.FLEET_REQUESTS, Topics.FLEET_HEARTBEATS, Topics.SERVICE_TOPOLOGY);
    }

    /** The one dead-letter split every stage writes its rejects through. */
    public static DeadLetterSplit deadLetterSplit(AvroSerdes serdes) {
        return new DeadLetterSplit(serdes.topic(Topics.DEAD_LETTERS));
    }

    public static TelemetryTopics telemetryTopics(AvroSerdes serdes) {
        return new TelemetryTopics(serdes.topic(Topics.TELEMETRY_AGGREGATES));
    }

    public static WorkflowTopics workflowTopics(AvroSerdes serdes) {
        return new WorkflowTopics(serdes.topic(Topics.ALLOCATIONS), serdes.topic(Topics.ALERTS),
                serdes.topic(Topics.WORKFLOW_SHADOWS), serdes.topic(Topics.WORKFLOW_INTERVENTIONS));
    }

    public static DeploymentTopics deploymentTopics(AvroSerdes serdes) {
        return new DeploymentTopics(serdes.topic(Topics.RISK_SCORES), serdes.topic(Topics.ALLOCATIONS),
                serdes.topic(Topics.ROLLBACKS), serdes.topic(Topics.ALERTS), serdes.topic(Topics.DEPLOYMENT_OUTCOMES),
                serdes.topic(Topics.ROLLBACK_RATES), serdes.topic(Topics.STARTUP_PLANS));
    }

    public static FleetTopics fleetTopics(AvroSerdes serdes) {
        return new FleetTopics(serdes.topic(Topics.DEMAND_REPORTS), serdes.topic(Topics.ALLOCATIONS));
    }

    public static SignalsTopics signalsTopics(AvroSerdes serdes) {
        return new SignalsTopics(serdes.topic(Topics.ANOMALY_SCORES), serdes.topic(Topics.ALERTS),
                serdes.topic(Topics.SERIES_FORECASTS));
    }

    public static HostRiskTopics hostRiskTopics(AvroSerdes serdes) {
        return new HostRiskTopics(serdes.topic(Topics.RISK_SCORES), serdes.topic(Topics.ALERTS));
    }

    public static OrchestrationTopics orchestrationTopics(AvroSerdes serdes) {
        return new OrchestrationTopics(serdes.topic(Topics.STARTUP_PLANS), serdes.topic(Topics.ORCHESTRATION_COMMANDS),
                serdes.topic(Topics.SERVICE_HEALTH), serdes.topic(Topics.ALERTS), serdes.topic(Topics.ROLLBACKS));
    }

    public static BuildRiskTopics buildRiskTopics(AvroSerdes serdes) {
        return new BuildRiskTopics(serdes.topic(Topics.RISK_SCORES), serdes.topic(Topics.ALERTS));
    }

    public static SynthesisTopics synthesisTopics(AvroSerdes serdes) {
        return new SynthesisTopics(serdes.topic(Topics.ANOMALY_SCORES), serdes.topic(Topics.SERIES_FORECASTS),
                serdes.topic(Topics.PIPELINE_TEMPLATES), serdes.topic(Topics.PIPELINE_COMMANDS),
                serdes.topic(Topics.PIPELINE_VERSIONS), serdes.topic(Topics.SYNTHESIS_DECISIONS));
    }

    public static AlertingTopics alertingTopics(AvroSerdes serdes) {
        return new AlertingTopics(serdes.topic(Topics.ALERTS), serdes.topic(Topics.INCIDENT_ACKS),
                serdes.topic(Topics.INCIDENTS));
    }

    public static GateTopics gateTopics(AvroSerdes serdes) {
        return new GateTopics(serdes.topic(Topics.RISK_SCORES), serdes.topic(Topics.PIPELINE_COMMANDS),
                serdes.topic(Topics.GATE_DECISIONS));
    }
}
