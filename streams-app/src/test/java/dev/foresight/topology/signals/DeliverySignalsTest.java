package dev.foresight.topology.signals;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.signals.DetectorSettings;
import dev.foresight.domain.signals.SeriesMetric;
import dev.foresight.predict.forecast.ForecastSettings;
import dev.foresight.schema.commands.NeedKind;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.CommitPushed;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.Severity;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.events.VulnerabilityReported;
import dev.foresight.schema.state.SeriesBucket;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.Events;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologyFixture;
import dev.foresight.topology.telemetry.TelemetryByService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliverySignalsTest {

    private static final String SERVICE = "checkout";
    private static final DetectorSettings SMALL = new DetectorSettings(50, 5, 100, 3, 30, 40, 50, 0.5, 0.02, 20, 0.4);
    private static final int CLEAR_AFTER = 5;

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, TelemetryEvent> telemetry;
    private TestInputTopic<String, PipelineEvent> pipelines;
    private TestInputTopic<String, DeploymentEvent> deployments;

    private void start(SignalsSettings settings) {
        AvroSerdes serdes = AvroSerdes.bundled();
        StreamsBuilder builder = new StreamsBuilder();
        new DeliverySignals(serdes, settings, ForesightTopology.signalsTopics(serdes),
                ForesightTopology.deadLetterSplit(serdes)).build(
                TelemetryByService.of(builder.stream(Topics.TELEMETRY.name(),
                        Consumed.with(Serdes.String(), serdes.valueSerde())), serdes.valueSerde()),
                builder.stream(Topics.PIPELINES.name(), Consumed.with(Serdes.String(), serdes.valueSerde())),
                builder.stream(Topics.DEPLOYMENTS.name(), Consumed.with(Serdes.String(), serdes.valueSerde())));
        fixture = new TopologyFixture(builder.build(), stateDir);
        telemetry = fixture.input(Topics.TELEMETRY);
        pipelines = fixture.input(Topics.PIPELINES);
        deployments = fixture.input(Topics.DEPLOYMENTS);
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldKeepEverySeriesInFineAndCoarseBuckets() {
        start(SignalsSettings.defaults());
        Instant at = START.plusSeconds(10);
        sendTelemetry(at, 0.5);
        sendTelemetry(at.plusSeconds(30), 0.7);
        sendPipeline(at, new CommitPushed("c1", 3));
        sendPipeline(at, new CommitPushed("c2", 1));
        sendPipeline(at, new BuildFinished("b1", 120_000L, true, Map.of()));
        sendPipeline(at, new TestRunFinished("t1", 60_000L, 40, 0));
        for (Severity severity : Severity.values()) {
            sendPipeline(at, new VulnerabilityReported("lib", severity, "GHSA-" + severity, null));
        }
        deployments.pipeInput("d1", DeploymentEvent.newBuilder().setEventId("e-d1").setDeploymentId("d1")
                .setServiceId(SERVICE).setTimestamp(at)
                .setPayload(new DeploymentStarted("1.0.0", "1.1.0", List.of("h1"), List.of(), List.of(), null)).build(), at);

        Map<SeriesMetric, double[]> expected = new EnumMap<>(SeriesMetric.class);
        expected.put(SeriesMetric.CPU, new double[] {2, 1.2});
        expected.put(SeriesMetric.MEMORY, new double[] {2, 0.8});
        expected.put(SeriesMetric.NETWORK, new double[] {2, 40});
        expected.put(SeriesMetric.REQUEST_RATE, new double[] {2, 240});
        expected.put(SeriesMetric.ERROR_RATE, new double[] {2, 0.002});
        expected.put(SeriesMetric.COMMITS, new double[] {2, 2});
        expected.put(SeriesMetric.BUILD_TIME, new double[] {1, 120});
        expected.put(SeriesMetric.TEST_DURATION, new double[] {1, 60});
        expected.put(SeriesMetric.VULNERABILITIES_LOW, new double[] {1, 1});
        expected.put(SeriesMetric.VULNERABILITIES_MEDIUM, new double[] {1, 1});
        expected.put(SeriesMetric.VULNERABILITIES_HIGH, new double[] {1, 1});
        expected.put(SeriesMetric.VULNERABILITIES_CRITICAL, new double[] {1, 1});
        expected.put(SeriesMetric.DEPLOYMENTS, new double[] {1, 1});
        assertEquals(SeriesMetric.values().length, expected.size(), "every series is covered");
        for (String store : List.of(DeliverySignals.FINE_STORE, DeliverySignals.COARSE_STORE)) {
            WindowStore<String, SeriesBucket> buckets = fixture.driver().getWindowStore(store);
            expected.forEach((metric, countAndSum) -> {
                SeriesBucket bucket = buckets.fetch(metric.seriesKey(SERVICE), START.toEpochMilli());
                assertEquals((long) countAndSum[0], bucket.getCount(), store + " " + metric);
                assertEquals(countAndSum[1], bucket.getSum(), 1e-9, store + " " + metric);
            });
        }
    }

    @Test
    void shouldScoreEachMinuteOnceItHasClosed() {
        start(SignalsSettings.defaults());
        for (int minute = 0; minute < 20; minute++) {
            sendTelemetry(START.plus(Duration.ofMinutes(minute)), 0.05 * minute);
        }
        List<AnomalyScore> cpu = fixture.output(Topics.ANOMALY_SCORES).readValuesToList().stream()
                .filter(score -> score.getMetric().equals(SeriesMetric.CPU.id())).toList();
        assertEquals(9, cpu.size(), "minutes 0..8 closed: the series' newest point is at 19 min, grace 10 min");
        for (int minute = 0; minute < cpu.size(); minute++) {
            assertEquals(START.plus(Duration.ofMinutes(minute)), cpu.get(minute).getWindowStart());
            assertEquals(0.05 * minute, cpu.get(minute).getValue(), 1e-9);
        }
    }

    @Test
    void shouldRaiseAnAlertOnASpikeAndClearItAfterTheCalmPeriod() {
        start(new SignalsSettings(Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofHours(1), Duration.ofDays(2),
                Duration.ofMinutes(1), Duration.ofDays(1), SMALL, 0.3, CLEAR_AFTER, Duration.ofMinutes(5),
                ForecastSettings.live()));
        Random random = new Random(3);
        int spikeMinute = 150;
        for (int minute = 0; minute < 200; minute++) {
            double cpu = minute == spikeMinute ? 0.95 : 0.3 + 0.005 * random.nextGaussian();
            sendTelemetry(START.plus(Duration.ofMinutes(minute)), cpu);
        }
        List<Alert> alerts = fixture.output(Topics.ALERTS).readValuesToList().stream()
                .filter(alert -> alert.getSubject().equals(SeriesMetric.CPU.seriesKey(SERVICE))).toList();
        assertEquals(2, alerts.size(), alerts.toString());
        assertEquals("anomaly", alerts.get(0).getKind());
        assertEquals(START.plus(Duration.ofMinutes(spikeMinute)), alerts.get(0).getIssuedAt());
        assertEquals("anomaly-cleared", alerts.get(1).getKind());
        assertEquals(START.plus(Duration.ofMinutes(spikeMinute + CLEAR_AFTER)), alerts.get(1).getIssuedAt());
        assertTrue(alerts.get(0).getDecision().getInputs().get("score") >= 0.5);
    }

    @Test
    void shouldCountAndScoreAPipelinePointThatIsBehindItsTaskButInOrderForItsSource() {
        start(SignalsSettings.defaults());
        for (int minute = 0; minute <= 60; minute++) {
            sendTelemetry(START.plus(Duration.ofMinutes(minute)), 0.4);
        }
        sendPipeline(START.plus(Duration.ofMinutes(2)), new CommitPushed("c1", 3));
        sendPipeline(START.plus(Duration.ofMinutes(3)), new CommitPushed("c2", 1));
        sendPipeline(START.plus(Duration.ofMinutes(3).plusSeconds(20)), new CommitPushed("c3", 1));
        sendPipeline(START.plus(Duration.ofMinutes(20)), new CommitPushed("c4", 2));

        WindowStore<String, SeriesBucket> fine = fixture.driver().getWindowStore(DeliverySignals.FINE_STORE);
        String commits = SeriesMetric.COMMITS.seriesKey(SERVICE);
        assertEquals(1, fine.fetch(commits, START.plus(Duration.ofMinutes(2)).toEpochMilli()).getCount());
        assertEquals(2, fine.fetch(commits, START.plus(Duration.ofMinutes(3)).toEpochMilli()).getCount());
        assertTrue(fixture.output(Topics.DEAD_LETTERS).isEmpty(), "in order for the pipeline, so nothing is late");
        List<AnomalyScore> scored = fixture.output(Topics.ANOMALY_SCORES).readValuesToList().stream()
                .filter(score -> score.getMetric().equals(SeriesMetric.COMMITS.id())).toList();
        assertEquals(List.of(START.plus(Duration.ofMinutes(2)), START.plus(Duration.ofMinutes(3))),
                scored.stream().map(AnomalyScore::getWindowStart).toList(),
                "closed by the commit at minute 20, the series' own progress, not by the telemetry at minute 60");
        assertEquals(List.of(1.0, 2.0), scored.stream().map(AnomalyScore::getValue).toList());
    }

    @Test
    void shouldDeadLetterAPointLaterThanTheGraceOfItsOwnSource() {
        start(SignalsSettings.defaults());
        Instant newest = START.plus(Duration.ofMinutes(30));
        Instant edge = newest.minus(SignalsSettings.defaults().grace());
        sendTelemetry(newest, 0.4);
        sendTelemetry(edge.minusSeconds(60), 0.9);
        sendTelemetry(edge.plusSeconds(60), 0.6);

        List<DeadLetter> late = fixture.output(Topics.DEAD_LETTERS).readValuesToList();
        assertEquals(SeriesPoints.of(Events.telemetry("host-1", SERVICE, newest, 0.9).build()).size(), late.size(),
                "every series point of the late event, none of the others");
        assertTrue(late.stream().allMatch(letter -> letter.getStage().equals(DeliverySignals.GATE)));
        assertTrue(late.get(0).getReason().contains("behind the newest record of host-1"), late.get(0).getReason());
        WindowStore<String, SeriesBucket> fine = fixture.driver().getWindowStore(DeliverySignals.FINE_STORE);
        assertEquals(0.6, fine.fetch(SeriesMetric.CPU.seriesKey(SERVICE), edge.plusSeconds(60).toEpochMilli()).getSum(),
                1e-9);
    }

    @Test
    void shouldPublishAForecastOfEveryClosedFiveMinutesWithTheNeedItImplies() {
        start(SignalsSettings.defaults());
        for (int minute = 0; minute <= 60; minute++) {
            sendTelemetry(START.plus(Duration.ofMinutes(minute)), 0.3 + 0.005 * minute);
        }
        for (int minute = 0; minute <= 60; minute += 3) {
            sendPipeline(START.plus(Duration.ofMinutes(minute)), new CommitPushed("c" + minute, 1));
        }

        List<SeriesForecast> forecasts = fixture.output(Topics.SERIES_FORECASTS).readValuesToList();
        List<SeriesForecast> cpu = forecasts.stream().filter(f -> f.getMetric().equals(SeriesMetric.CPU.id())).toList();
        assertEquals(9, cpu.size(), "minutes 0..49 scored close the steps starting at 0..40 min");
        SeriesForecast latest = cpu.get(cpu.size() - 1);
        assertEquals(START.plus(Duration.ofMinutes(45)), latest.getIssuedAt());
        assertEquals(ForecastSettings.live().horizon(), latest.getPoints().size());
        assertEquals(latest.getIssuedAt(), latest.getPoints().get(0).getAt());
        assertEquals(NeedKind.SCALING, latest.getNeed().getKind());
        double peak = latest.getPoints().stream().mapToDouble(p -> p.getValue()).max().orElseThrow();
        assertEquals(peak / 0.7, latest.getNeed().getValue(), 1e-9);
        assertTrue(latest.getPoints().stream().allMatch(p -> p.getLower() <= p.getValue() && p.getValue() <= p.getUpper()));
        assertTrue(forecasts.stream().filter(f -> f.getMetric().equals(SeriesMetric.REQUEST_RATE.id()))
                .allMatch(f -> f.getNeed() == null), "request rates imply no need on their own");
        SeriesForecast commits = forecasts.stream().filter(f -> f.getMetric().equals(SeriesMetric.COMMITS.id()))
                .reduce((first, second) -> second).orElseThrow();
        assertEquals(NeedKind.RELEASE_CADENCE, commits.getNeed().getKind());
        assertTrue(commits.getNeed().getValue() > 0, commits.toString());
    }

    private void sendTelemetry(Instant at, double cpu) {
        telemetry.pipeInput("host-1", Events.telemetry("host-1", SERVICE, at, cpu).build(), at);
    }

    private void sendPipeline(Instant at, Object payload) {
        pipelines.pipeInput(SERVICE, PipelineEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setServiceId(SERVICE).setTimestamp(at).setPayload(payload).build(), at);
    }
}
