package dev.foresight.topology.builds;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.builds.BuildRiskSettings;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.BuildStarted;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildRiskScoringTest {

    private static final String SERVICE = "checkout";

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, PipelineEvent> pipelines;
    private Instant clock = START;

    @BeforeEach
    void setUp() {
        AvroSerdes serdes = AvroSerdes.bundled();
        StreamsBuilder builder = new StreamsBuilder();
        new BuildRiskScoring(BuildRiskSettings.defaults(), ForesightTopology.buildRiskTopics(serdes))
                .build(builder.stream(Topics.PIPELINES.name(), Consumed.with(Serdes.String(), serdes.valueSerde())));
        fixture = new TopologyFixture(builder.build(), stateDir);
        pipelines = fixture.input(Topics.PIPELINES);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldScoreABuildAtItsStartBeforeItFinishes() {
        start("b1", 10, false);

        List<RiskScore> risks = fixture.output(Topics.RISK_SCORES).readValuesToList();
        assertEquals(1, risks.size());
        RiskScore risk = risks.get(0);
        assertEquals("b1", risk.getBuildId());
        assertEquals(SERVICE, risk.getHostId());
        double prior = 1 / (1 + Math.exp(-(-2.5 + 0.03 * 10)));
        assertEquals(prior, risk.getScore(), 1e-9, "an untrained model scores the prior");
        assertEquals(BuildRiskScoring.MODEL, risk.getDecision().getMadeBy());
    }

    @Test
    void shouldLearnFromFinishedBuildsAndAlertAboveTheThresholdChosenOnline() {
        for (int i = 0; i < 300; i++) {
            boolean large = i % 3 == 0;
            start("b" + i, large ? 40 : 2, false);
            finish("b" + i, !large);
        }
        start("large", 40, false);
        start("small", 2, false);

        List<RiskScore> risks = fixture.output(Topics.RISK_SCORES).readValuesToList();
        RiskScore firstLarge = risks.get(0);
        RiskScore large = risks.get(risks.size() - 2);
        RiskScore small = risks.get(risks.size() - 1);
        assertTrue(large.getScore() > firstLarge.getScore(), large.getScore() + " after learning vs " + firstLarge.getScore());
        assertTrue(large.getScore() > small.getScore());
        double threshold = large.getDecision().getThresholds().get("alert");
        assertTrue(small.getScore() < threshold && threshold <= large.getScore(), "threshold " + threshold);
        List<Alert> alerts = fixture.output(Topics.ALERTS).readValuesToList();
        assertTrue(alerts.stream().anyMatch(alert -> alert.getAlertId().equals("build-risk/large")), alerts.toString());
        assertFalse(alerts.stream().anyMatch(alert -> alert.getAlertId().equals("build-risk/small")));
    }

    @Test
    void shouldIgnoreTheEndOfABuildWhoseStartItNeverSaw() {
        finish("unseen", false);
        start("b1", 10, false);

        RiskScore risk = fixture.output(Topics.RISK_SCORES).readValuesToList().get(0);
        assertEquals(1 / (1 + Math.exp(-(-2.5 + 0.03 * 10))), risk.getScore(), 1e-9, "nothing was learned");
    }

    private void start(String build, int files, boolean previousFailed) {
        send(new BuildStarted(build, Map.of("filesChanged", (double) files, "linesChanged", files * 25.0,
                "previousBuildFailed", previousFailed ? 1.0 : 0.0)));
    }

    private void finish(String build, boolean succeeded) {
        send(new BuildFinished(build, 300_000L, succeeded, Map.of()));
    }

    private void send(Object payload) {
        clock = clock.plus(Duration.ofMinutes(1));
        pipelines.pipeInput(SERVICE, PipelineEvent.newBuilder().setEventId("e-" + clock.toEpochMilli())
                .setServiceId(SERVICE).setTimestamp(clock).setPayload(payload).build(), clock);
    }
}
