package dev.foresight.metrics;

import java.time.Duration;
import java.util.Map;

/**
 * What the app counts about itself, named in its own terms. Processors, models and the REST API report here
 * and stay free of any metrics library; {@link MicrometerMetrics} turns the reports into meters.
 */
public interface ForesightMetrics {

    /**
     * Not a Kafka key: the Streams configuration carries the app's metrics under it, so a processor finds them
     * in {@code context.appConfigs()} without every feature builder passing them down.
     */
    String CONFIG = "foresight.metrics";

    /** Reports nowhere: for tests, evaluations and benchmarks. */
    ForesightMetrics NONE = new ForesightMetrics() {
    };

    /** The metrics in a Streams configuration, or {@link #NONE}. */
    static ForesightMetrics from(Map<String, ?> streamsConfig) {
        return streamsConfig.get(CONFIG) instanceof ForesightMetrics metrics ? metrics : NONE;
    }

    /** An event was read from an input topic. */
    default void eventIn(String topic) {
    }

    /**
     * A record became a dead letter.
     *
     * @param reason the reason's kind, a word such as {@code late} or {@code duplicate}, not its full text
     */
    default void deadLetter(String sourceTopic, String stage, String reason) {
    }

    /** A command was written, e.g. topic {@code allocation.commands.v1}, type {@code RESERVE}. */
    default void command(String topic, String type) {
    }

    /** The confidence a model gave the decision behind a command. */
    default void confidence(String model, double confidence) {
    }

    /** How far a prediction was from what happened, relative to what happened (0.25 = 25 % off). */
    default void predictionError(String model, double relativeError) {
    }

    /** A model trained once, taking {@code took}. */
    default void training(String model, Duration took) {
    }

    /** The REST API answered; {@code route} is the matched path template, not the concrete path. */
    default void httpRequest(String method, String route, int status, Duration took) {
    }
}
