package dev.foresight.topology.signals;

import dev.foresight.deadletter.Checked;
import dev.foresight.deadletter.DeadLetterSplit;
import dev.foresight.deadletter.LateRecordGate;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertChange;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.SeriesBucket;
import dev.foresight.schema.state.SeriesPoint;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.Sinks;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The delivery signals of every service as a queryable series store, scored online for anomalies.
 *
 * <p>Inputs: validated telemetry keyed by service, pipeline and deployment events. Repartition:
 * {@code signals-by-series} (pipeline and deployment points, key {@code <serviceId>/<metric>}); telemetry's
 * points are made in its service's task (see {@link SeriesBucketing}). Then the lateness gate {@value #GATE} ({@link LateRecordGate}: late
 * by its own source's progress or beyond the buckets' skew is a dead letter). Stores: {@value #PROGRESS_STORE}
 * (newest timestamp per source), {@value #FINE_STORE} and {@value #COARSE_STORE} (window stores of
 * {@link SeriesBucket}, written by {@link SeriesBucketing}), {@value SeriesScoring#WATCH_STORE} and {@value SeriesScoring#SCORED_STORE} (each
 * series' detector and alert state, and how far it is scored), {@value SeriesForecasting#OUTLOOK_STORE} and
 * {@value #FORECAST_STORE} (each series' forecaster and latest forecast).
 * Outputs: an {@link AnomalyScore} per closed fine bucket on the anomaly topic, an
 * {@link Alert} when a series' alert is raised or cleared on the alert topic, a {@link SeriesForecast} per
 * closed forecast step (5 min) on the forecast topic ({@link SignalsTopics}), the late points on the dead-letter topic.
 */
public final class DeliverySignals {

    public static final String FINE_STORE = "signals-fine-store";
    public static final String COARSE_STORE = "signals-coarse-store";
    public static final String FORECAST_STORE = "signals-forecast-store";
    static final String DETECTOR = "signals-anomaly-detector";
    static final String GATE = "signals-lateness";
    static final String PROGRESS_STORE = "signals-source-progress-store";

    private final SignalsSettings settings;
    private final SignalsTopics topics;
    private final DeadLetterSplit deadLetters;
    private final Serde<SeriesPoint> pointSerde;
    private final Serde<SeriesBucket> bucketSerde;
    private final Serde<SeriesForecast> forecastSerde;

    /** @param deadLetters where points too late for their buckets go */
    public DeliverySignals(AvroSerdes serdes, SignalsSettings settings, SignalsTopics topics,
                           DeadLetterSplit deadLetters) {
        this.settings = settings;
        this.topics = topics;
        this.deadLetters = deadLetters;
        this.pointSerde = serdes.valueSerde();
        this.bucketSerde = serdes.valueSerde();
        this.forecastSerde = serdes.valueSerde();
    }

    /**
     * @param telemetryByService validated telemetry, key serviceId ({@code TelemetryByService})
     * @param pipelines          validated pipeline events
     * @param deployments        validated deployment events
     * @return the anomaly scores, for the features that act on a series' anomaly state in-process
     */
    public KStream<String, AnomalyScore> build(KStream<String, TelemetryEvent> telemetryByService,
                                               KStream<String, PipelineEvent> pipelines,
                                               KStream<String, DeploymentEvent> deployments) {
        KStream<String, Long> fineUpdates = deadLetters.valid(gated(telemetryByService, pipelines, deployments),
                        "signals", "late", "in-time")
                .process(new SeriesBucketing(settings, bucketSerde), Named.as("signals-bucket"));
        KStream<String, AnomalyScore> scores =
                fineUpdates.process(new SeriesScoring(settings), Named.as("signals-score"), FINE_STORE);
        scores.to(topics.anomalies().name(), Sinks.produced(topics.anomalies(), "signals-anomaly-sink"));
        alerts(scores);
        scores.process(new SeriesForecasting(settings, forecastSerde), Named.as("signals-forecast"))
                .to(topics.forecasts().name(), Sinks.produced(topics.forecasts(), "signals-forecast-sink"));
        return scores;
    }

    /**
     * Telemetry's points are made in the task of their service, which owns its series; pipeline and
     * deployment points, a few per hour, reach the series' task through {@code signals-by-series}.
     * Both are keyed by series and gated in the same task: every series is always routed the same way.
     */
    private KStream<String, Checked<SeriesPoint>> gated(KStream<String, TelemetryEvent> telemetryByService,
                                                        KStream<String, PipelineEvent> pipelines,
                                                        KStream<String, DeploymentEvent> deployments) {
        KStream<String, SeriesPoint> events = pipelines
                .flatMap((service, event) -> SeriesPoints.of(event), Named.as("signals-pipeline-points"))
                .merge(deployments.flatMap((id, event) -> SeriesPoints.of(event),
                        Named.as("signals-deployment-points")), Named.as("signals-merge-deployment"))
                .repartition(Repartitioned.<String, SeriesPoint>as("signals-by-series")
                        .withKeySerde(Serdes.String()).withValueSerde(pointSerde));
        return telemetryByService
                .flatMap((service, event) -> SeriesPoints.of(event), Named.as("signals-telemetry-points"))
                .merge(events, Named.as("signals-merge-events"))
                .processValues(LateRecordGate.supplier(GATE, PROGRESS_STORE, settings.grace(), settings.skew(),
                        SeriesPoint::getSource, pointSerde.serializer()), Named.as(GATE));
    }

    static final SeriesBucket EMPTY = new SeriesBucket(0L, 0.0, 0.0, 0.0);

    static SeriesBucket add(SeriesBucket bucket, SeriesPoint point) {
        double value = point.getValue();
        boolean first = bucket.getCount() == 0;
        return new SeriesBucket(bucket.getCount() + 1, bucket.getSum() + value,
                first ? value : Math.min(bucket.getMin(), value), first ? value : Math.max(bucket.getMax(), value));
    }

    private void alerts(KStream<String, AnomalyScore> scores) {
        scores.filter((key, score) -> score.getAlertChange() != AlertChange.NONE, Named.as("signals-alert-changes"))
                .mapValues(DeliverySignals::alert, Named.as("signals-alert"))
                .to(topics.alerts().name(), Sinks.produced(topics.alerts(), "signals-alert-sink"));
    }

    static Alert alert(String key, AnomalyScore score) {
        boolean raised = score.getAlertChange() == AlertChange.RAISED;
        String message = String.format(Locale.ROOT, "%s of %s %s at %s (value %.4g, score %.2f)", score.getMetric(),
                score.getServiceId(), raised ? "is anomalous" : "is back to normal", score.getWindowStart(),
                score.getValue(), score.getScore());
        Decision decision = Decision.newBuilder().setMadeBy(DETECTOR).setVersion("1")
                .setInputs(Map.of("value", score.getValue(), "score", score.getScore()))
                .setThresholds(Map.of("raise", 0.5, "clearBelow", 0.3))
                .setExplanation(raised ? "score at or above the alert level" : "scores stayed below the clear level")
                .build();
        return Alert.newBuilder().setAlertId(key + "@" + score.getWindowStart().toEpochMilli())
                .setIssuedAt(score.getWindowStart()).setKind(raised ? "anomaly" : "anomaly-cleared")
                .setSeverity(raised ? AlertSeverity.WARNING : AlertSeverity.INFO).setSubject(key)
                .setMessage(message).setExpected(null).setActual(score.getValue()).setDecision(decision).build();
    }
}
