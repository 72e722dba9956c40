package dev.foresight.topology.signals;

/** The topics the delivery signals write, wired in by the application topology. */
public record SignalsTopics(String anomalies, String alerts, String forecasts) {
}
