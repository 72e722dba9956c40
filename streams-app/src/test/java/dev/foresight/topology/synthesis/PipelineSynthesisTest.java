package dev.foresight.topology.synthesis;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.synthesis.ShippedTemplates;
import dev.foresight.domain.synthesis.SynthesisSettings;
import dev.foresight.schema.commands.AlertChange;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.ForecastPoint;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.commands.StageOperation;
import dev.foresight.schema.commands.SynthesisDecision;
import dev.foresight.schema.commands.SynthesisDecisionKind;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.PipelineRunFinished;
import dev.foresight.schema.events.StageResult;
import dev.foresight.schema.state.PipelineTemplate;
import dev.foresight.schema.state.PipelineVersion;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologyFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSynthesisTest {

    private static final String SERVICE = "checkout";
    private static final int PEAK = 100;

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, AnomalyScore> minutes;
    private TestInputTopic<String, PipelineEvent> pipelines;

    @BeforeEach
    void start() {
        AvroSerdes serdes = AvroSerdes.bundled();
        StreamsBuilder builder = new StreamsBuilder();
        new PipelineSynthesis(serdes, SynthesisSettings.defaults(), ForesightTopology.synthesisTopics(serdes)).build(builder,
                builder.stream(Topics.PIPELINES.name(), Consumed.with(Serdes.String(), serdes.valueSerde())));
        fixture = new TopologyFixture(builder.build(), stateDir);
        TestInputTopic<String, PipelineTemplate> templates = fixture.input(Topics.PIPELINE_TEMPLATES);
        ShippedTemplates.yamlById().forEach((id, yaml) -> templates.pipeInput(id, new PipelineTemplate(id, 1, yaml),
                START));
        minutes = fixture.input(Topics.ANOMALY_SCORES);
        pipelines = fixture.input(Topics.PIPELINES);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldEmitAddStageOfAScalingStageBeforeTheRampPeaksWithItsVersionAndParent() {
        ramp();

        List<PipelineSynthesisCommand> commands = fixture.output(Topics.PIPELINE_COMMANDS).readValuesToList();
        assertEquals(1, commands.size());
        PipelineSynthesisCommand add = commands.get(0);
        assertEquals(StageOperation.ADD_STAGE, add.getOperation());
        assertEquals("scaling", add.getStageType());
        assertEquals(2, add.getPipelineVersion());
        assertEquals(1, add.getParentVersion());
        assertTrue(add.getIssuedAt().isBefore(minute(PEAK)), "issued at " + add.getIssuedAt());
        assertTrue(add.getDecision().getInputs().get("forecast") >= add.getDecision().getThresholds().get("trigger"));
        Map<String, PipelineVersion> versions = fixture.output(Topics.PIPELINE_VERSIONS).readKeyValuesToMap();
        assertEquals(List.of("checkout@1", "checkout@2"), versions.keySet().stream().sorted().toList());
        assertEquals(add.getContentHash(), versions.get("checkout@2").getContentHash());
        assertTrue(versions.get("checkout@2").getDiff().contains("+- name: scale-out"),
                versions.get("checkout@2").getDiff());
    }

    @Test
    void shouldRollBackAScalingStageThatMakesRunsSlowerAndKeepEveryVersionInTheStore() {
        for (int r = 0; r < 4; r++) {
            run(r, 1, 600 + 10 * (r % 3));
        }
        ramp();
        for (int r = 0; r < 5; r++) {
            run(PEAK + 1 + r, 2, 900 + 10 * (r % 3));
        }

        List<PipelineSynthesisCommand> commands = fixture.output(Topics.PIPELINE_COMMANDS).readValuesToList();
        assertEquals(List.of(StageOperation.ADD_STAGE, StageOperation.ROLLBACK),
                commands.stream().map(PipelineSynthesisCommand::getOperation).toList());
        PipelineSynthesisCommand rollback = commands.get(1);
        assertEquals(3, rollback.getPipelineVersion());
        assertEquals(2, rollback.getParentVersion());
        assertTrue(rollback.getDecision().getExplanation().contains("hurts against version 1"),
                rollback.getDecision().getExplanation());
        List<PipelineVersion> stored = storedVersions();
        assertEquals(List.of(1, 2, 3), stored.stream().map(PipelineVersion::getVersion).toList());
        assertEquals(stored.get(0).getContentHash(), stored.get(2).getContentHash());
        List<SynthesisDecisionKind> kinds = fixture.output(Topics.SYNTHESIS_DECISIONS).readValuesToList().stream()
                .map(SynthesisDecision::getKind).toList();
        assertTrue(kinds.containsAll(List.of(SynthesisDecisionKind.SYNTHESIZED, SynthesisDecisionKind.TUNED,
                SynthesisDecisionKind.ROLLED_BACK)), kinds.toString());
    }

    @Test
    void shouldSynthesizeFromTheDeliverySignalsForecastWhenItReachesTheTriggerWithinTheLeadTime() {
        for (int m = 0; m < 40; m++) {
            minutes.pipeInput(SERVICE + "/request-rate", new AnomalyScore(SERVICE, "request-rate", minute(m), 100.0,
                    0.1, false, AlertChange.NONE), minute(m + 1));
        }
        assertTrue(fixture.output(Topics.PIPELINE_COMMANDS).isEmpty(), "flat traffic needs no stage");
        List<ForecastPoint> points = new java.util.ArrayList<>();
        for (int h = 1; h <= 30; h++) {
            double value = 100 + 5 * h;
            points.add(new ForecastPoint(h, minute(40 + h), value, value * 0.9, value * 1.1));
        }
        fixture.input(Topics.SERIES_FORECASTS).pipeInput(SERVICE + "/request-rate", new SeriesForecast(SERVICE,
                "request-rate", minute(40), 60_000L, "holt", 4.0, points, null), minute(40));

        PipelineSynthesisCommand add = fixture.output(Topics.PIPELINE_COMMANDS).readValue();
        assertEquals("scaling", add.getStageType());
        assertTrue(add.getDecision().getExplanation().startsWith("signals:holt forecast of request-rate"),
                add.getDecision().getExplanation());
    }

    @Test
    void shouldSynthesizeNothingWhileNoTemplateIsPublished() {
        fixture.input(Topics.PIPELINE_TEMPLATES).pipeInput("base", null, START);
        ramp();

        assertTrue(fixture.output(Topics.PIPELINE_VERSIONS).isEmpty());
        assertTrue(fixture.output(Topics.PIPELINE_COMMANDS).isEmpty());
    }

    private List<PipelineVersion> storedVersions() {
        KeyValueStore<String, PipelineVersion> store = fixture.driver().getKeyValueStore(PipelineSynthesis.VERSION_STORE);
        try (KeyValueIterator<String, PipelineVersion> all = store.prefixScan(SERVICE + "@",
                Serdes.String().serializer())) {
            List<PipelineVersion> versions = new java.util.ArrayList<>();
            all.forEachRemaining((KeyValue<String, PipelineVersion> kv) -> versions.add(kv.value));
            return versions;
        }
    }

    private void ramp() {
        for (int m = 0; m <= PEAK; m++) {
            double wiggle = 1 + 0.02 * Math.sin(m * 1.7);
            double value = 100 * (1 + 1.2 * Math.max(0, Math.min(1, (m - (PEAK - 40)) / 40.0))) * wiggle;
            minutes.pipeInput(SERVICE + "/request-rate", new AnomalyScore(SERVICE, "request-rate", minute(m), value,
                    0.1, false, AlertChange.NONE), minute(m + 1));
        }
    }

    private void run(int minute, int version, double testSeconds) {
        PipelineRunFinished run = new PipelineRunFinished("run-" + minute, version, true, List.of(
                new StageResult("build", 300_000L, true, 1.0),
                new StageResult("test", Math.round(testSeconds * 1000), true, 1.0),
                new StageResult("deploy", 120_000L, true, 0.5)));
        pipelines.pipeInput(SERVICE, new PipelineEvent("e-" + minute, SERVICE, minute(minute), run), minute(minute));
    }

    private static Instant minute(int m) {
        return START.plusSeconds(60L * m);
    }
}
