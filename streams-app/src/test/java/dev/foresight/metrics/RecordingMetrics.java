package dev.foresight.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps every report as a line, for tests that check what was counted. */
public final class RecordingMetrics implements ForesightMetrics {

    private final List<String> reports = new ArrayList<>();

    public synchronized List<String> reports() {
        return List.copyOf(reports);
    }

    @Override
    public synchronized void eventIn(String topic) {
        reports.add("event " + topic);
    }

    @Override
    public synchronized void deadLetter(String sourceTopic, String stage, String reason) {
        reports.add("dead-letter " + sourceTopic + " " + stage + " " + reason);
    }

    @Override
    public synchronized void command(String topic, String type) {
        reports.add("command " + topic + " " + type);
    }

    @Override
    public synchronized void confidence(String model, double confidence) {
        reports.add("confidence " + model + " " + confidence);
    }

    @Override
    public synchronized void predictionError(String model, double relativeError) {
        reports.add("error " + model + " " + relativeError);
    }

    @Override
    public synchronized void training(String model, Duration took) {
        reports.add("training " + model);
    }

    @Override
    public synchronized void httpRequest(String method, String route, int status, Duration took) {
        reports.add("http " + method + " " + route + " " + status);
    }
}
