package dev.foresight.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.metrics.RecordingMetrics;
import dev.foresight.producers.RecordingEventSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probes follow the Kafka Streams state; /metrics is guarded by the token like the API, the probes are not. */
class OperationsApiTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T08:00:00Z"), ZoneOffset.UTC);
    private static final String TOKEN = "probe-token";

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private QueryServer server;

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldNotBeReadyWhileRebalancingButAlive() throws Exception {
        serve(BearerToken.none());
        state.set(State.REBALANCING);

        HttpResponse<String> ready = call("/health/ready", Optional.empty());

        assertEquals(503, ready.statusCode());
        assertTrue(ready.body().contains("\"state\":\"REBALANCING\""), ready.body());
        assertEquals(200, call("/health/live", Optional.empty()).statusCode());
    }

    @Test
    void shouldBeReadyWhenRunning() throws Exception {
        serve(BearerToken.none());
        state.set(State.RUNNING);

        HttpResponse<String> ready = call("/health/ready", Optional.empty());

        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("\"status\":\"UP\""), ready.body());
    }

    @Test
    void shouldNotBeAliveOnceStreamsFailed() throws Exception {
        serve(BearerToken.none());
        state.set(State.ERROR);

        assertEquals(503, call("/health/live", Optional.empty()).statusCode());
        assertEquals(503, call("/health/ready", Optional.empty()).statusCode());
    }

    @Test
    void shouldAnswerProbesWithoutTheTokenButNotMetrics() throws Exception {
        serve(BearerToken.of(TOKEN));
        state.set(State.RUNNING);

        assertEquals(200, call("/health/ready", Optional.empty()).statusCode());
        assertEquals(401, call("/metrics", Optional.empty()).statusCode());
        HttpResponse<String> metricsPage = call("/metrics", Optional.of(TOKEN));
        assertEquals(200, metricsPage.statusCode());
        assertEquals("# scraped", metricsPage.body());
        assertTrue(metricsPage.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    }

    @Test
    void shouldTimeEveryRequestByItsRouteTemplate() throws Exception {
        serve(BearerToken.of(TOKEN));

        call("/shadow/wf-9", Optional.of(TOKEN));
        call("/shadow/wf-9", Optional.empty());

        assertTrue(metrics.reports().contains("http GET /shadow/{workflowID} 404"), metrics.reports().toString());
        assertTrue(metrics.reports().stream().anyMatch(r -> r.endsWith(" 401")), metrics.reports().toString());
    }

    private void serve(BearerToken token) {
        server = new QueryServer(new FakeShadows(), new FakeShadows(), new RecordingEventSink(), CLOCK)
                .withOperations(new OperationsApi(state::get, () -> "# scraped", metrics))
                .start("127.0.0.1", 0, token);
    }

    private HttpResponse<String> call(String path, Optional<String> token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
