package dev.foresight.topology;

import dev.foresight.ingest.IngestStage;
import dev.foresight.ingest.IngestTopics;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.predict.workflow.LstmNextActionPredictor;
import dev.foresight.predict.workflow.LstmSettings;
import dev.foresight.predict.workflow.NextActionPredictor;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.deployment.DeploymentGuardian;
import dev.foresight.topology.deployment.DeploymentTopics;
import dev.foresight.topology.telemetry.TelemetryAggregation;
import dev.foresight.topology.telemetry.TelemetryTopics;
import dev.foresight.topology.workflow.WorkflowShadowing;
import dev.foresight.topology.workflow.WorkflowTopics;
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
        ValidatedInputs inputs = new IngestStage(settings.ingest(), ingestTopics(serdes)).build(builder);
        new TelemetryAggregation(serdes, settings.aggregation(), telemetryTopics(serdes)).build(inputs.telemetry());
        new WorkflowShadowing(serdes, settings.workflow(), workflowPredictors, workflowTopics(serdes))
                .build(inputs.workflows());
        new DeploymentGuardian(serdes, settings.deployment(), deploymentTopics(serdes)).build(inputs);
        return builder.build();
    }

    // The only place in topology/ that names catalogue topics: each stage is handed its own.

    public static IngestTopics ingestTopics(AvroSerdes serdes) {
        return new IngestTopics(serdes.topic(Topics.TELEMETRY), serdes.topic(Topics.WORKFLOWS),
                serdes.topic(Topics.DEPLOYMENTS), serdes.topic(Topics.PIPELINES), serdes.topic(Topics.HEALTH),
                serdes.topic(Topics.DEAD_LETTERS));
    }

    public static TelemetryTopics telemetryTopics(AvroSerdes serdes) {
        return new TelemetryTopics(serdes.topic(Topics.TELEMETRY_AGGREGATES), serdes.topic(Topics.DEAD_LETTERS));
    }

    public static WorkflowTopics workflowTopics(AvroSerdes serdes) {
        return new WorkflowTopics(serdes.topic(Topics.ALLOCATIONS), serdes.topic(Topics.ALERTS),
                serdes.topic(Topics.WORKFLOW_SHADOWS));
    }

    public static DeploymentTopics deploymentTopics(AvroSerdes serdes) {
        return new DeploymentTopics(serdes.topic(Topics.RISK_SCORES), serdes.topic(Topics.ALLOCATIONS),
                serdes.topic(Topics.ROLLBACKS), serdes.topic(Topics.ALERTS), serdes.topic(Topics.DEPLOYMENT_OUTCOMES));
    }
}
