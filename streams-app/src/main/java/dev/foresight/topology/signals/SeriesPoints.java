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

/**
 * The series samples each validated event carries, keyed by {@code <serviceId>/<metric>}, each with the
 * source whose events arrive in order (the key of the upstream topic), so lateness is judged per source.
 */
final class SeriesPoints {

    private static final double MILLIS_PER_SECOND = 1000.0;

    private SeriesPoints() {
    }

    static List<KeyValue<String, SeriesPoint>> of(TelemetryEvent event) {
        Source host = new Source(event.getServiceId(), event.getHostId(), event.getTimestamp());
        return List.of(host.point(SeriesMetric.REQUEST_RATE, event.getRequestRate()),
                host.point(SeriesMetric.ERROR_RATE, event.getErrorRate()),
                host.point(SeriesMetric.CPU, event.getCpuUtilization()),
                host.point(SeriesMetric.MEMORY, event.getMemoryUtilization()),
                host.point(SeriesMetric.NETWORK, event.getNetworkMbps()));
    }

    static List<KeyValue<String, SeriesPoint>> of(PipelineEvent event) {
        Source pipeline = new Source(event.getServiceId(), "pipeline/" + event.getServiceId(), event.getTimestamp());
        Object payload = event.getPayload();
        if (payload instanceof CommitPushed) {
            return List.of(pipeline.point(SeriesMetric.COMMITS, 1));
        }
        if (payload instanceof BuildFinished build) {
            return List.of(pipeline.point(SeriesMetric.BUILD_TIME, build.getDurationMs() / MILLIS_PER_SECOND));
        }
        if (payload instanceof TestRunFinished run) {
            return List.of(pipeline.point(SeriesMetric.TEST_DURATION, run.getDurationMs() / MILLIS_PER_SECOND));
        }
        if (payload instanceof VulnerabilityReported report) {
            SeriesMetric metric = SeriesMetric.valueOf(
                    "VULNERABILITIES_" + report.getSeverity().name().toUpperCase(Locale.ROOT));
            return List.of(pipeline.point(metric, 1));
        }
        return List.of();
    }

    static List<KeyValue<String, SeriesPoint>> of(DeploymentEvent event) {
        if (event.getPayload() instanceof DeploymentStarted) {
            Source deployment = new Source(event.getServiceId(), "deployment/" + event.getDeploymentId(),
                    event.getTimestamp());
            return List.of(deployment.point(SeriesMetric.DEPLOYMENTS, 1));
        }
        return List.of();
    }

    private record Source(String service, String id, Instant at) {

        KeyValue<String, SeriesPoint> point(SeriesMetric metric, double value) {
            return KeyValue.pair(metric.seriesKey(service), new SeriesPoint(service, metric.id(), at, value, id));
        }
    }
}
