package dev.foresight.domain.synthesis;

import java.time.Instant;
import java.util.List;

/**
 * A forecast of one series made elsewhere (the delivery-signals forecaster): future buckets in the
 * series' own unit, each with its interval.
 */
public record SeriesOutlook(String metric, Instant issuedAt, String model, List<Point> points) {

    /** One future bucket. */
    public record Point(Instant at, double value, double lower, double upper) {
    }

    public SeriesOutlook {
        points = List.copyOf(points);
    }
}
