package dev.foresight.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.state.SeriesBucket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeriesApiTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<QueryServer> servers = new ArrayList<>();
    private final FakeSeries series = new FakeSeries();

    @AfterEach
    void tearDown() {
        servers.forEach(QueryServer::close);
    }

    @Test
    void shouldAnswerTheFineBucketsRolledUpToTheStep() throws Exception {
        series.fine.put(T0, new SeriesBucket(2L, 1.0, 0.4, 0.6));
        series.fine.put(T0.plusSeconds(60), new SeriesBucket(2L, 1.4, 0.6, 0.8));
        series.fine.put(T0.plusSeconds(120), new SeriesBucket(1L, 0.9, 0.9, 0.9));

        HttpResponse<String> response = get(serve(new KeyOwner.Local()),
                "/series/checkout/cpu?from=2026-01-05T08:00:00Z&to=2026-01-05T08:04:00Z&step=PT2M");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode json = mapper.readTree(response.body());
        assertEquals("PT1M", json.get("resolution").asText());
        JsonNode points = json.get("points");
        assertEquals(2, points.size());
        assertEquals(T0.toString(), points.get(0).get("start").asText());
        assertEquals(4, points.get(0).get("count").asInt());
        assertEquals(0.6, points.get(0).get("value").asDouble(), 1e-9);
        assertEquals(0.4, points.get(0).get("min").asDouble());
        assertEquals(0.8, points.get(0).get("max").asDouble());
        assertEquals(0.9, points.get(1).get("value").asDouble(), 1e-9);
        assertEquals("checkout/cpu", series.lastKey);
    }

    @Test
    void shouldCountEventsOfACountMetricAndReadHourlyBucketsForAnHourlyStep() throws Exception {
        series.coarse.put(T0, new SeriesBucket(3L, 3.0, 1.0, 1.0));

        HttpResponse<String> response = get(serve(new KeyOwner.Local()),
                "/series/checkout/commits?from=2026-01-05T08:00:00Z&to=2026-01-05T10:00:00Z&step=PT1H");

        JsonNode json = mapper.readTree(response.body());
        assertEquals("PT1H", json.get("resolution").asText());
        assertEquals(3.0, json.get("points").get(0).get("value").asDouble());
        assertTrue(series.lastCoarse);
    }

    @Test
    void shouldRejectBadQueriesWithAJsonError() throws Exception {
        QueryServer server = serve(new KeyOwner.Local());
        for (String query : List.of("/series/checkout/happiness", "/series/checkout/cpu?step=PT90S",
                "/series/checkout/cpu?step=soon", "/series/checkout/cpu?from=2026-01-05T09:00:00Z&to=2026-01-05T08:00:00Z",
                "/series/checkout/cpu?from=yesterday", "/series/checkout/cpu?from=2025-01-01T00:00:00Z&step=PT1M")) {
            HttpResponse<String> response = get(server, query);
            assertEquals(400, response.statusCode(), query);
            assertTrue(mapper.readTree(response.body()).has("error"), query + " " + response.body());
        }
    }

    @Test
    void shouldForwardToTheInstanceThatOwnsTheSeries() throws Exception {
        series.fine.put(T0, new SeriesBucket(1L, 0.5, 0.5, 0.5));
        QueryServer owner = serve(new KeyOwner.Local());
        QueryServer other = serve(new KeyOwner.Remote("127.0.0.1", owner.port()));

        HttpResponse<String> response = get(other, "/series/checkout/cpu?from=2026-01-05T08:00:00Z&to=2026-01-05T08:01:00Z");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0.5, mapper.readTree(response.body()).get("points").get(0).get("value").asDouble());
    }

    @Test
    void shouldAnswer503WhileNoInstanceOwnsTheSeries() throws Exception {
        HttpResponse<String> response = get(serve(new KeyOwner.Unavailable("rebalancing")), "/series/checkout/cpu");
        assertEquals(503, response.statusCode());
    }

    private QueryServer serve(KeyOwner owner) {
        FakeShadows shadows = new FakeShadows();
        QueryServer server = new QueryServer(shadows, shadows, new RecordingEventSink(), CLOCK)
                .withSeries(new SeriesApi(key -> owner, series, CLOCK)).start("127.0.0.1", 0, BearerToken.none());
        servers.add(server);
        return server;
    }

    private HttpResponse<String> get(QueryServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final class FakeSeries implements SeriesReader {
        final TreeMap<Instant, SeriesBucket> fine = new TreeMap<>();
        final TreeMap<Instant, SeriesBucket> coarse = new TreeMap<>();
        String lastKey;
        boolean lastCoarse;

        @Override
        public Duration fineStep() {
            return Duration.ofMinutes(1);
        }

        @Override
        public Duration coarseStep() {
            return Duration.ofHours(1);
        }

        @Override
        public Duration fineRetention() {
            return Duration.ofDays(3);
        }

        @Override
        public NavigableMap<Instant, SeriesBucket> read(String seriesKey, Instant from, Instant to, boolean useCoarse) {
            lastKey = seriesKey;
            lastCoarse = useCoarse;
            return new TreeMap<>((useCoarse ? coarse : fine).subMap(from, true, to, false));
        }
    }
}
