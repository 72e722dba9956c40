package dev.foresight.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.domain.signals.SeriesMetric;
import dev.foresight.schema.commands.ForecastNeed;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.state.SeriesBucket;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code GET /series/{serviceId}/{metric}?from=&to=&step=}: a service's series over [from, to) in buckets
 * of {@code step} (ISO-8601 instants and duration; defaults: the last hour, the finest step). The step
 * must be a multiple of the resolution it is read at: the 1-hour buckets when the step is a whole number
 * of hours or the range reaches past the fine retention, else the 1-minute buckets. Read on the instance
 * that owns the series, forwarded like the shadow reads. A bucket is {@code start, count, value} (mean
 * of a gauge, number of events of a count), {@code min, max}; buckets without data are left out. With
 * {@code forecast}: the series' latest forecast ({@code issuedAt, step, model, recentError, points: [{at,
 * value, lower, upper}], need}), or null before the first.
 */
public final class SeriesApi {

    static final int MAX_POINTS = 10_000;

    private final ShadowLocator locator;
    private final SeriesReader reader;
    private final Clock clock;
    private final OwnerProxy proxy = new OwnerProxy();
    private final ObjectMapper mapper = new ObjectMapper();

    public SeriesApi(ShadowLocator locator, SeriesReader reader, Clock clock) {
        this.locator = locator;
        this.reader = reader;
        this.clock = clock;
    }

    void handle(Context ctx) {
        String serviceId = Requests.id(ctx.pathParam("serviceId"), "serviceId");
        SeriesMetric metric = SeriesMetric.byId(ctx.pathParam("metric")).orElseThrow(() -> ApiException.badRequest(
                "unknown metric '" + ctx.pathParam("metric") + "'"));
        Instant to = Requests.instant(ctx.queryParam("to"), "to", clock.instant());
        Instant from = Requests.instant(ctx.queryParam("from"), "from", to.minus(Duration.ofHours(1)));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from must be before to");
        }
        Duration step = duration(ctx.queryParam("step"), reader.fineStep());
        boolean coarse = step.toMillis() % reader.coarseStep().toMillis() == 0
                || from.isBefore(clock.instant().minus(reader.fineRetention()));
        Duration resolution = coarse ? reader.coarseStep() : reader.fineStep();
        if (step.isNegative() || step.isZero() || step.toMillis() % resolution.toMillis() != 0) {
            throw ApiException.badRequest("step must be a positive multiple of " + resolution);
        }
        if (Duration.between(from, to).dividedBy(step) > MAX_POINTS) {
            throw ApiException.badRequest("more than " + MAX_POINTS + " steps requested");
        }
        String key = metric.seriesKey(serviceId);
        if (proxy.forwardedToOwner(ctx, locator.locate(key), "series " + key)) {
            return;
        }
        NavigableMap<Instant, SeriesBucket> buckets = rollUp(reader.read(key, from, to, coarse), step);
        ObjectNode body = json(serviceId, metric, step, resolution, buckets);
        body.set("forecast", reader.forecast(key).map(this::forecast).orElse(null));
        ctx.status(200).contentType(ContentType.APPLICATION_JSON).result(body.toString());
    }

    /** Merges buckets into buckets of {@code step}, aligned to the epoch. */
    static NavigableMap<Instant, SeriesBucket> rollUp(NavigableMap<Instant, SeriesBucket> buckets, Duration step) {
        NavigableMap<Instant, SeriesBucket> merged = new TreeMap<>();
        for (Map.Entry<Instant, SeriesBucket> bucket : buckets.entrySet()) {
            long millis = bucket.getKey().toEpochMilli();
            Instant start = Instant.ofEpochMilli(millis - Math.floorMod(millis, step.toMillis()));
            merged.merge(start, bucket.getValue(), SeriesApi::merge);
        }
        return merged;
    }

    private static SeriesBucket merge(SeriesBucket a, SeriesBucket b) {
        return new SeriesBucket(a.getCount() + b.getCount(), a.getSum() + b.getSum(),
                Math.min(a.getMin(), b.getMin()), Math.max(a.getMax(), b.getMax()));
    }

    private ObjectNode json(String serviceId, SeriesMetric metric, Duration step, Duration resolution,
                            NavigableMap<Instant, SeriesBucket> buckets) {
        ObjectNode body = mapper.createObjectNode().put("serviceId", serviceId).put("metric", metric.id())
                .put("step", step.toString()).put("resolution", resolution.toString());
        ArrayNode points = body.putArray("points");
        buckets.forEach((start, bucket) -> points.addObject().put("start", start.toString())
                .put("count", bucket.getCount()).put("value", metric.valueOf(bucket.getCount(), bucket.getSum()))
                .put("min", bucket.getMin()).put("max", bucket.getMax()));
        return body;
    }

    private ObjectNode forecast(SeriesForecast forecast) {
        ObjectNode body = mapper.createObjectNode().put("issuedAt", forecast.getIssuedAt().toString())
                .put("step", Duration.ofMillis(forecast.getStepMs()).toString()).put("model", forecast.getModel())
                .put("recentError", forecast.getRecentError());
        ArrayNode points = body.putArray("points");
        forecast.getPoints().forEach(point -> points.addObject().put("at", point.getAt().toString())
                .put("value", point.getValue()).put("lower", point.getLower()).put("upper", point.getUpper()));
        ForecastNeed need = forecast.getNeed();
        body.set("need", need == null ? null : mapper.createObjectNode().put("kind", need.getKind().name())
                .put("value", need.getValue()).put("lower", need.getLower()).put("upper", need.getUpper())
                .put("explanation", need.getExplanation()));
        return body;
    }

    private static Duration duration(String value, Duration otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("step must be an ISO-8601 duration, e.g. PT5M");
        }
    }
}
