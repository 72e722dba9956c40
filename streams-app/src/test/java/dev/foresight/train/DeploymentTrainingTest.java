package dev.foresight.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.predict.risk.OnlineRiskModel;
import dev.foresight.predict.risk.RiskModelSettings;
import dev.foresight.producers.RecordingEventSink;
import dev.foresight.producers.TimedEvent;
import dev.foresight.producers.sim.Simulation;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topology.TopologySettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recorded deployments through validation and the guardian: the model learns what the live guardian would. */
class DeploymentTrainingTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static List<DeploymentTraining.Recorded> recording;
    private static DeploymentTraining.Result trained;

    /** Three simulated hours of two services, a deployment every 10 min on average, half of them failing. */
    @BeforeAll
    static void trainOnASimulatedRecording() throws IOException {
        Simulation simulation = Simulation.builder().seed(5).start(START).services(2).hostsPerService(3)
                .deploymentFailureRate(0.5).meanDeploymentInterval(Duration.ofMinutes(10)).build();
        RecordingEventSink sink = new RecordingEventSink();
        simulation.runFor(Duration.ofHours(3), sink);
        Set<String> inputs = Set.copyOf(DeploymentTraining.INPUTS.stream().map(TopicSpec::name).toList());
        recording = sink.events().stream().filter(event -> inputs.contains(event.topic().name()))
                .map(DeploymentTrainingTest::recorded).toList();
        trained = new DeploymentTraining(TopologySettings.defaults()).train(recording);
    }

    private static DeploymentTraining.Recorded recorded(TimedEvent<?> event) {
        Serializer<SpecificRecord> values = AvroSerdes.bundled().<SpecificRecord>valueSerde().serializer();
        return new DeploymentTraining.Recorded(event.topic().name(), event.key(),
                values.serialize(event.topic().name(), event.value()), event.timestampMs());
    }

    @Test
    void shouldLearnFromTheDeploymentsTheGuardianConcluded() {
        assertEquals(0, trained.deadLetters(), "a simulated recording is valid");
        assertTrue(trained.outcomes().getOrDefault("SUCCEEDED", 0L) > 0, trained.outcomes().toString());
        assertTrue(trained.outcomes().keySet().stream().anyMatch(Set.of("ROLLED_BACK", "PARTIALLY_SUCCEEDED",
                "ESCALATED")::contains), "some rolled back: " + trained.outcomes());
        long updates = Long.parseLong(trained.modelVersion().substring(trained.modelVersion().indexOf('@') + 1));
        assertTrue(updates > 100, "labelled windows learned: " + updates);
    }

    @Test
    void shouldWriteACheckpointThatRestoresTheTrainedModel() {
        OnlineRiskModel restored = new OnlineRiskModel(HostFeatures.NAMES, RiskModelSettings.defaults());
        OnlineRiskModel prior = new OnlineRiskModel(HostFeatures.NAMES, RiskModelSettings.defaults());
        restored.restore(trained.checkpoint());

        assertEquals(trained.modelVersion(), restored.version());
        double[] baseline = HostFeatures.NAMES.stream().mapToDouble(name -> name.endsWith("_ratio") ? 1 : 0).toArray();
        assertNotEquals(prior.score(baseline), restored.score(baseline), "the trained model is not the prior");
    }

    @Test
    void shouldTrainTheSameModelFromTheSameRecordingInAnyOrder() throws IOException {
        List<DeploymentTraining.Recorded> reversed = new ArrayList<>(recording);
        Collections.reverse(reversed);

        assertArrayEquals(trained.checkpoint(), new DeploymentTraining(TopologySettings.defaults()).train(reversed).checkpoint());
    }
}
