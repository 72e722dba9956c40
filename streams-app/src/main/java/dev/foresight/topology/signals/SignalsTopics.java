package dev.foresight.topology.signals;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.topics.Topic;

/** The topics delivery signals write. */
public record SignalsTopics(Topic<String, AnomalyScore> anomalies, Topic<String, Alert> alerts,
                            Topic<String, SeriesForecast> forecasts) {
}
