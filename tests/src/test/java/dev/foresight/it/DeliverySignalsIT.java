package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.query.SeriesStores;
import dev.foresight.query.StoreUnavailableException;
import dev.foresight.query.StreamsSeriesReader;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.NeedKind;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.BuildStarted;
import dev.foresight.schema.events.CommitPushed;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.SeriesBucket;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.signals.DeliverySignals;
import dev.foresight.topology.signals.SignalsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry and pipeline events in; series buckets and forecasts queryable from the stores, anomaly scores,
 * forecasts, a build's risk and a late point's dead letter out, on a real broker with the whole topology (exactly-once).
 * Every output follows from events of one source (one host's, one service's pipeline), each on one
 * partition: nothing depends on how topics or partitions interleave.
 */
class DeliverySignalsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String SERVICE = "signals-it";
    private static final SignalsSettings SIGNALS = SignalsSettings.defaults();
    private static final long FIVE_MINUTES = Duration.ofMinutes(5).toMillis();
    /** Event times lie in the past, on a 5-minute boundary (a forecast step), so steps are easy to reason about. */
    private static final Instant T0 = Instant.ofEpochMilli(
            Instant.now().minus(Duration.ofMinutes(45)).toEpochMilli() / FIVE_MINUTES * FIVE_MINUTES);

    @TempDir
    static Path dir;

    private static AppOnBroker app;

    @BeforeAll
    static void startBrokerAndApp() throws Exception {
        app = AppOnBroker.start(dir, "signals-it-" + UUID.randomUUID(), TIMEOUT);
        produce();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldScoreAndForecastTheSeriesOfAHost() {
        read(Topics.ANOMALY_SCORES.name(), AvroSerdes.bundled().<AnomalyScore>valueSerde().deserializer(),
                score -> score.getServiceId().equals(SERVICE) && score.getMetric().equals("cpu"));
        SeriesForecast cpu = read(Topics.SERIES_FORECASTS.name(),
                AvroSerdes.bundled().<SeriesForecast>valueSerde().deserializer(),
                forecast -> forecast.getServiceId().equals(SERVICE) && forecast.getMetric().equals("cpu"));

        assertEquals(NeedKind.SCALING, cpu.getNeed().getKind());
        assertEquals(12, cpu.getPoints().size());
        assertTrue(cpu.getPoints().get(0).getValue() > 0.2 && cpu.getPoints().get(0).getValue() < 0.6, cpu.toString());
    }

    @Test
    void shouldForecastTheReleaseCadenceFromCommits() {
        SeriesForecast commits = read(Topics.SERIES_FORECASTS.name(),
                AvroSerdes.bundled().<SeriesForecast>valueSerde().deserializer(),
                forecast -> forecast.getServiceId().equals(SERVICE) && forecast.getMetric().equals("commits"));

        assertEquals(NeedKind.RELEASE_CADENCE, commits.getNeed().getKind());
        assertTrue(commits.getNeed().getValue() > 0, commits.toString());
    }

    @Test
    void shouldDeadLetterACommitLaterThanItsPipelinesGrace() {
        DeadLetter late = read(Topics.DEAD_LETTERS.name(), AvroSerdes.bundled().<DeadLetter>valueSerde().deserializer(),
                letter -> letter.getStage().equals("signals-lateness"));

        assertTrue(late.getReason().contains("pipeline/" + SERVICE), late.getReason());
    }

    @Test
    void shouldScoreTheRiskOfABuildAtItsStart() {
        RiskScore risk = read(Topics.RISK_SCORES.name(), AvroSerdes.bundled().<RiskScore>valueSerde().deserializer(),
                score -> "sig-build".equals(score.getBuildId()));

        assertEquals(SERVICE, risk.getHostId());
        assertTrue(risk.getScore() > 0 && risk.getScore() < 1, risk.toString());
    }

    @Test
    void shouldAnswerBucketsAndTheLatestForecastFromTheStores() {
        StreamsSeriesReader reader = new StreamsSeriesReader(app.streams(), new SeriesStores(DeliverySignals.FINE_STORE,
                DeliverySignals.COARSE_STORE, DeliverySignals.FORECAST_STORE, SIGNALS.fineStep(), SIGNALS.coarseStep(),
                SIGNALS.fineRetention()));
        String key = SERVICE + "/cpu";
        NavigableMap<Instant, SeriesBucket> buckets = awaitQuery(() -> Optional.of(
                reader.read(key, T0, T0.plus(Duration.ofHours(1)), false)).filter(b -> b.size() >= 30));
        assertEquals(2, buckets.firstEntry().getValue().getCount(), "two samples a minute");
        SeriesForecast latest = awaitQuery(() -> reader.forecast(key));
        assertEquals(SERVICE, latest.getServiceId());
    }

    private static <V> V read(String topic, Deserializer<V> values, Predicate<V> wanted) {
        try (TopicReader<V> reader = new TopicReader<>(app.bootstrapServers(), topic, values)) {
            return reader.readUntil(records -> records.stream().map(ConsumerRecord::value).anyMatch(wanted), TIMEOUT)
                    .stream().map(ConsumerRecord::value).filter(wanted).reduce((first, second) -> second).orElseThrow();
        }
    }

    /** Retries a store query until it answers, through rebalances and restores, or fails after the timeout. */
    private static <T> T awaitQuery(Supplier<Optional<T>> query) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                Optional<T> answer = query.get();
                if (answer.isPresent()) {
                    return answer.get();
                }
            } catch (StoreUnavailableException | InvalidStateStoreException e) {
                // not queryable yet: ask again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("store query not answered within " + TIMEOUT);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a store query", e);
        }
    }

    /**
     * One host: a sample every 30 s for 40 minutes. The service's pipeline: a commit every 2 minutes for
     * 30 minutes, then one 25 minutes older than the newest, beyond the signals' 10-minute grace.
     */
    private static void produce() {
        Serializer<TelemetryEvent> telemetry = AvroSerdes.bundled().<TelemetryEvent>valueSerde().serializer();
        Serializer<PipelineEvent> pipelines = AvroSerdes.bundled().<PipelineEvent>valueSerde().serializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int half = 0; half < 80; half++) {
                Instant at = T0.plusSeconds(30L * half);
                TelemetryEvent event = TelemetryEvent.newBuilder().setEventId("sig-" + half).setHostId("sig-host")
                        .setServiceId(SERVICE).setTimestamp(at).setCpuUtilization(0.4 + 0.01 * Math.sin(half))
                        .setMemoryUtilization(0.5).setNetworkMbps(10).setLatencyMs(20).setRequestRate(100)
                        .setErrorRate(0.01).build();
                String topic = Topics.TELEMETRY.name();
                producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), "sig-host", telemetry.serialize(topic, event)));
            }
            for (int minute = 1; minute <= 31; minute += 2) {
                sendCommit(producer, pipelines, T0.plus(Duration.ofMinutes(minute)), "c" + minute);
            }
            sendCommit(producer, pipelines, T0.plus(Duration.ofMinutes(6)), "late");
            send(producer, pipelines, T0.plus(Duration.ofMinutes(32)), "build",
                    new BuildStarted("sig-build", Map.of("filesChanged", 12.0, "previousBuildFailed", 0.0)));
            producer.flush();
        }
    }

    private static void sendCommit(KafkaProducer<String, byte[]> producer, Serializer<PipelineEvent> serializer,
                                   Instant at, String commit) {
        send(producer, serializer, at, commit, new CommitPushed(commit, 2));
    }

    private static void send(KafkaProducer<String, byte[]> producer, Serializer<PipelineEvent> serializer,
                             Instant at, String id, Object payload) {
        String topic = Topics.PIPELINES.name();
        PipelineEvent event = PipelineEvent.newBuilder().setEventId("sig-" + id).setServiceId(SERVICE)
                .setTimestamp(at).setPayload(payload).build();
        producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), SERVICE, serializer.serialize(topic, event)));
    }
}
