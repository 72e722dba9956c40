package dev.foresight.topology.gates;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.gates.GateSettings;
import dev.foresight.ingest.IngestSettings;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.schema.commands.AlertChange;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.GateCheck;
import dev.foresight.schema.commands.GateDecision;
import dev.foresight.schema.commands.GateTarget;
import dev.foresight.schema.commands.GateVerdict;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.StageOperation;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.NamedTopologies;
import dev.foresight.topology.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityGatingTest {

    private static final String SERVICE = "checkout";
    /** The delivery signals' scores reach the gates in-process; the test feeds them from a topic of its own. */
    private static final String ANOMALIES = "test.anomaly.scores";

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, RiskScore> risks;
    private TestInputTopic<String, PipelineEvent> pipelines;
    private TestInputTopic<String, DeploymentEvent> deployments;
    private TestInputTopic<String, PipelineSynthesisCommand> stages;
    private TestInputTopic<String, AnomalyScore> anomalies;
    private TestOutputTopic<String, GateDecision> decisions;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldBlockADeploymentWhoseLatestBuildIsLikelyToFailWithItsEvidence() {
        start(GateSettings.defaults());
        risk("b6", 0.2, START);
        risk("b7", 0.8, START.plusSeconds(60));
        deploy("d-1", START.plusSeconds(120));

        GateDecision decision = decisions.readValue();
        assertEquals(GateVerdict.BLOCK, decision.getVerdict());
        assertEquals(GateTarget.DEPLOYMENT, decision.getTargetKind());
        assertEquals("d-1", decision.getTargetId());
        assertEquals(SERVICE, decision.getServiceId());
        GateCheck risk = check(decision, "build-risk");
        assertFalse(risk.getPassed());
        assertEquals(0.8, risk.getValue());
        assertEquals(0.5, risk.getThreshold());
        assertEquals("b7", decision.getDecision().getEvidence().get("build.id"));
        assertEquals("blocked by build-risk", decision.getDecision().getExplanation());
        assertEquals(START.plusSeconds(120), decision.getIssuedAt());
    }

    @Test
    void shouldAllowADeploymentWhenEveryGatePasses() {
        start(GateSettings.defaults());
        risk("b1", 0.1, START);
        testRun(200, 2, START.plusSeconds(30));
        deploy("d-1", START.plusSeconds(60));

        GateDecision decision = decisions.readValue();
        assertEquals(GateVerdict.ALLOW, decision.getVerdict(), decision.toString());
        assertTrue(decision.getChecks().stream().allMatch(GateCheck::getPassed));
        assertEquals(0.01, check(decision, "test-failure-rate").getValue(), 1e-9);
    }

    @Test
    void shouldBlockOnTheMeanTestFailureRateOfTheLatestRunsOnly() {
        start(GateSettings.defaults());
        testRun(100, 50, START);
        for (int i = 1; i <= 5; i++) {
            testRun(100, 4, START.plusSeconds(60L * i));
        }
        deploy("d-1", START.plusSeconds(400));
        testRun(100, 30, START.plusSeconds(460));
        deploy("d-2", START.plusSeconds(500));

        List<GateDecision> verdicts = decisions.readValuesToList();
        assertEquals(GateVerdict.ALLOW, verdicts.get(0).getVerdict(), "the 50 % run is older than the last five");
        assertEquals(0.04, check(verdicts.get(0), "test-failure-rate").getValue(), 1e-9);
        assertEquals(GateVerdict.BLOCK, verdicts.get(1).getVerdict());
        assertEquals(0.092, check(verdicts.get(1), "test-failure-rate").getValue(), 1e-9);
    }

    @Test
    void shouldBlockASynthesizedStageWhileASeriesIsInAnomalyAlertAndAllowItOnceCleared() {
        start(GateSettings.defaults());
        anomaly("error-rate", true, START);
        stage("s-1", START.plusSeconds(60));
        anomaly("error-rate", false, START.plusSeconds(120));
        stage("s-2", START.plusSeconds(180));

        List<GateDecision> verdicts = decisions.readValuesToList();
        assertEquals(List.of(GateVerdict.BLOCK, GateVerdict.ALLOW), verdicts.stream().map(GateDecision::getVerdict)
                .toList());
        assertEquals(GateTarget.PIPELINE_STAGE, verdicts.get(0).getTargetKind());
        assertEquals("gate/pipeline_stage/s-1", verdicts.get(0).getCommandId());
        assertTrue(check(verdicts.get(0), "anomaly").getDetail().contains("error-rate since " + START),
                verdicts.get(0).toString());
    }

    @Test
    void shouldFollowTheConfiguredThresholds() {
        start(new GateSettings(0.9, Duration.ofHours(2), 0.05, 5, false, false));
        risk("b7", 0.8, START);
        anomaly("cpu", true, START);
        deploy("d-1", START.plusSeconds(60));

        assertEquals(GateVerdict.ALLOW, decisions.readValue().getVerdict());
    }

    @Test
    void shouldTreatAStaleRiskAsNoEvidenceAndBlockWithoutEvidenceOnlyWhenConfigured() {
        start(new GateSettings(0.5, Duration.ofHours(2), 0.05, 5, true, true));
        risk("b7", 0.1, START);
        testRun(100, 0, START);
        deploy("d-1", START.plus(Duration.ofHours(3)));

        GateDecision decision = decisions.readValue();
        assertEquals(GateVerdict.BLOCK, decision.getVerdict());
        assertNull(check(decision, "build-risk").getValue());
        assertTrue(check(decision, "test-failure-rate").getPassed());
    }

    @Test
    void shouldIgnoreHostRiskScoresOnTheSameTopic() {
        start(GateSettings.defaults());
        risks.pipeInput(SERVICE, new RiskScore(SERVICE, null, START, 0.99, decision(), null), START);
        deploy("d-1", START.plusSeconds(60));

        assertEquals(GateVerdict.ALLOW, decisions.readValue().getVerdict());
    }

    private void start(GateSettings settings) {
        AvroSerdes serdes = AvroSerdes.bundled();
        StreamsBuilder builder = NamedTopologies.builder();
        ValidatedInputs inputs = ForesightTopology.ingest(builder, serdes, IngestSettings.defaults());
        new QualityGating(serdes, settings, ForesightTopology.gateTopics(serdes)).build(builder, inputs.pipelines(), inputs.deployments(),
                builder.stream(ANOMALIES, Consumed.with(Serdes.String(), serdes.<AnomalyScore>valueSerde())));
        fixture = new TopologyFixture(builder.build(), stateDir);
        risks = fixture.input(Topics.RISK_SCORES);
        pipelines = fixture.input(Topics.PIPELINES);
        deployments = fixture.input(Topics.DEPLOYMENTS);
        stages = fixture.input(Topics.PIPELINE_COMMANDS);
        anomalies = fixture.driver().createInputTopic(ANOMALIES, Serdes.String().serializer(),
                serdes.<AnomalyScore>valueSerde().serializer());
        decisions = fixture.output(Topics.GATE_DECISIONS);
    }

    private void risk(String buildId, double score, Instant at) {
        risks.pipeInput(SERVICE, new RiskScore(SERVICE, null, at, score, decision(), buildId), at);
    }

    private void testRun(int run, int failed, Instant at) {
        fixture.clockAt(at);
        pipelines.pipeInput(SERVICE, PipelineEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setServiceId(SERVICE).setTimestamp(at).setPayload(new TestRunFinished("t-" + at.getEpochSecond(),
                        60_000L, run, failed)).build(), at);
    }

    /** Ingest refuses events from the future: the wall clock moves with the events, as for a live producer. */
    private void deploy(String deploymentId, Instant at) {
        fixture.clockAt(at);
        deployments.pipeInput(deploymentId, DeploymentEvent.newBuilder().setEventId("e-" + deploymentId)
                .setDeploymentId(deploymentId).setServiceId(SERVICE).setTimestamp(at)
                .setPayload(new DeploymentStarted("1.0.0", "1.1.0", List.of("h1"), List.of(), List.of())).build(), at);
    }

    private void stage(String commandId, Instant at) {
        stages.pipeInput(SERVICE, PipelineSynthesisCommand.newBuilder().setCommandId(commandId).setIssuedAt(at)
                .setServiceId(SERVICE).setOperation(StageOperation.ADD_STAGE).setStageType("scaling")
                .setPipelineVersion(2).setParentVersion(1).setStageDefinition("{}").setDecision(decision()).build(), at);
    }

    private void anomaly(String metric, boolean alerting, Instant at) {
        anomalies.pipeInput(SERVICE + "/" + metric, new AnomalyScore(SERVICE, metric, at, 1.0, alerting ? 0.9 : 0.1,
                alerting, alerting ? AlertChange.RAISED : AlertChange.CLEARED), at);
    }

    private static GateCheck check(GateDecision decision, String gate) {
        return decision.getChecks().stream().filter(c -> c.getGate().equals(gate)).findFirst().orElseThrow();
    }

    private static Decision decision() {
        return Decision.newBuilder().setMadeBy("test").setVersion("1").setInputs(Map.of()).setThresholds(Map.of())
                .build();
    }
}
