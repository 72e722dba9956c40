package dev.foresight.topology.signals;

import dev.foresight.domain.signals.SeriesMetric;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.CommitPushed;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.events.VulnerabilityReported;
import dev.foresight.schema.state.SeriesPoint;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;

/** The series samples each validated event carries, keyed by {@code <serviceId>/<metric>}. */
final class SeriesPoints {

    private static final double MILLIS_PER_SECOND = 1000.0;

    private SeriesPoints() {
    }

    static List<KeyValue<String, SeriesPoint>> of(TelemetryEvent event) {
        String service = event.getServiceId();
        Instant at = event.getTimestamp();
        return List.of(point(service, SeriesMetric.REQUEST_RATE, at, event.getRequestRate()),
                point(service, SeriesMetric.ERROR_RATE, at, event.getErrorRate()),
                point(service, SeriesMetric.CPU, at, event.getCpuUtilization()),
                point(service, SeriesMetric.MEMORY, at, event.getMemoryUtilization()),
                point(service, SeriesMetric.NETWORK, at, event.getNetworkMbps()));
    }

    static List<KeyValue<String, SeriesPoint>> of(PipelineEvent event) {
        String service = event.getServiceId();
        Instant at = event.getTimestamp();
        Object payload = event.getPayload();
        if (payload instanceof CommitPushed) {
            return List.of(point(service, SeriesMetric.COMMITS, at, 1));
        }
        if (payload instanceof BuildFinished build) {
            return List.of(point(service, SeriesMetric.BUILD_TIME, at, build.getDurationMs() / MILLIS_PER_SECOND));
        }
        if (payload instanceof TestRunFinished run) {
            return List.of(point(service, SeriesMetric.TEST_DURATION, at, run.getDurationMs() / MILLIS_PER_SECOND));
        }
        if (payload instanceof VulnerabilityReported report) {
            SeriesMetric metric = SeriesMetric.valueOf(
                    "VULNERABILITIES_" + report.getSeverity().name().toUpperCase(Locale.ROOT));
            return List.of(point(service, metric, at, 1));
        }
        return List.of();
    }

    static List<KeyValue<String, SeriesPoint>> of(DeploymentEvent event) {
        if (event.getPayload() instanceof DeploymentStarted) {
            return List.of(point(event.getServiceId(), SeriesMetric.DEPLOYMENTS, event.getTimestamp(), 1));
        }
        return List.of();
    }

    private static KeyValue<String, SeriesPoint> point(String service, SeriesMetric metric, Instant at, double value) {
        return KeyValue.pair(metric.seriesKey(service), new SeriesPoint(service, metric.id(), at, value));
    }
}
