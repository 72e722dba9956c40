package dev.foresight.domain.signals;

import java.util.Arrays;
import java.util.Optional;

/**
 * The delivery signals kept per service (seed 001's data collection). A gauge's bucket value is the
 * mean of its samples; an event count's is how many events fell in the bucket.
 */
public enum SeriesMetric {
    REQUEST_RATE("request-rate", Kind.GAUGE),
    ERROR_RATE("error-rate", Kind.GAUGE),
    CPU("cpu", Kind.GAUGE),
    MEMORY("memory", Kind.GAUGE),
    NETWORK("network", Kind.GAUGE),
    DEPLOYMENTS("deployments", Kind.COUNT),
    COMMITS("commits", Kind.COUNT),
    BUILD_TIME("build-time", Kind.GAUGE),
    TEST_DURATION("test-duration", Kind.GAUGE),
    VULNERABILITIES_LOW("vulnerabilities-low", Kind.COUNT),
    VULNERABILITIES_MEDIUM("vulnerabilities-medium", Kind.COUNT),
    VULNERABILITIES_HIGH("vulnerabilities-high", Kind.COUNT),
    VULNERABILITIES_CRITICAL("vulnerabilities-critical", Kind.COUNT);

    /** How samples of a metric combine in a bucket. */
    public enum Kind { GAUGE, COUNT }

    private final String id;
    private final Kind kind;

    SeriesMetric(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<SeriesMetric> byId(String id) {
        return Arrays.stream(values()).filter(metric -> metric.id.equals(id)).findFirst();
    }

    /** The bucket's value: the mean of a gauge, the number of events of a count. */
    public double valueOf(long count, double sum) {
        return kind == Kind.COUNT ? count : sum / Math.max(1, count);
    }

    /** The key of a service's series in stores and topics. */
    public String seriesKey(String serviceId) {
        return serviceId + "/" + id;
    }
}
