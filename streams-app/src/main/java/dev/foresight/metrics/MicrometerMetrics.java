package dev.foresight.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@link ForesightMetrics} as Micrometer meters, all prefixed {@code foresight.}: in Prometheus
 * {@code foresight_events_in_total{topic}}, {@code foresight_dead_letters_total{topic,stage,reason}},
 * {@code foresight_commands_total{topic,type}}, {@code foresight_decision_confidence{model}},
 * {@code foresight_prediction_error{model}}, {@code foresight_model_training_seconds{model}} and
 * {@code foresight_http_requests_seconds{method,route,status}}.
 */
public final class MicrometerMetrics implements ForesightMetrics {

    private final MeterRegistry registry;

    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void eventIn(String topic) {
        Counter.builder("foresight.events.in").description("Events read from an input topic")
                .tag("topic", topic).register(registry).increment();
    }

    @Override
    public void deadLetter(String sourceTopic, String stage, String reason) {
        Counter.builder("foresight.dead.letters").description("Records rejected to the dead-letter topic")
                .tag("topic", sourceTopic).tag("stage", stage).tag("reason", reason).register(registry).increment();
    }

    @Override
    public void command(String topic, String type) {
        Counter.builder("foresight.commands").description("Commands, alerts and reports written")
                .tag("topic", topic).tag("type", type).register(registry).increment();
    }

    @Override
    public void confidence(String model, double confidence) {
        DistributionSummary.builder("foresight.decision.confidence")
                .description("Confidence of the model behind a command").tag("model", model)
                .publishPercentiles(0.5, 0.9).register(registry).record(confidence);
    }

    @Override
    public void predictionError(String model, double relativeError) {
        DistributionSummary.builder("foresight.prediction.error")
                .description("Relative error of a prediction once the outcome is known").tag("model", model)
                .publishPercentiles(0.5, 0.9).register(registry).record(Math.abs(relativeError));
    }

    @Override
    public void training(String model, Duration took) {
        Timer.builder("foresight.model.training").description("Time a model took to train once")
                .tag("model", model).register(registry).record(took);
    }

    @Override
    public void httpRequest(String method, String route, int status, Duration took) {
        Timer.builder("foresight.http.requests").description("REST API requests")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(took);
    }
}
