package dev.foresight.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.metrics.ForesightMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What an operator and Prometheus read from a running instance.
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter in the Prometheus text format; behind the bearer token when one is
 *       set (scrape with {@code authorization: {credentials: TOKEN}}), since its labels name topics, stores and
 *       models.</li>
 *   <li>{@code GET /health/live}: 200 {@code {"status": "UP", "state": ...}} unless Kafka Streams has stopped
 *       (ERROR, PENDING_SHUTDOWN, NOT_RUNNING), then 503: restart the process.</li>
 *   <li>{@code GET /health/ready}: 200 only while Kafka Streams is RUNNING; 503 while it is CREATED, REBALANCING
 *       (which includes restoring state after an assignment) or stopped: send no queries here yet.</li>
 * </ul>
 * The health endpoints need no token: a probe carries none, and they reveal only the state.
 */
public final class OperationsApi {

    private static final Set<String> PUBLIC_PATHS = Set.of("/health/live", "/health/ready");
    private static final String STARTED = "foresight.started";
    private static final Set<KafkaStreams.State> DEAD =
            Set.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING,
                    KafkaStreams.State.PENDING_ERROR);

    private final Supplier<KafkaStreams.State> state;
    private final Supplier<String> scrape;
    private final ForesightMetrics metrics;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param scrape the Prometheus exposition of every meter
     * @param metrics where the latency of every request is reported
     */
    public OperationsApi(Supplier<KafkaStreams.State> state, Supplier<String> scrape, ForesightMetrics metrics) {
        this.state = state;
        this.scrape = scrape;
        this.metrics = metrics;
    }

    static boolean isPublic(Context ctx) {
        return PUBLIC_PATHS.contains(ctx.path());
    }

    /** Adds the routes and times every request of {@code app}, whichever route it matched. */
    void register(Javalin app) {
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()))
                .after(this::timed)
                .get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(scrape.get()))
                .get("/health/live", ctx -> health(ctx, !DEAD.contains(state.get())))
                .get("/health/ready", ctx -> health(ctx, state.get() == KafkaStreams.State.RUNNING));
    }

    private void health(Context ctx, boolean up) throws Exception {
        ctx.status(up ? 200 : 503).contentType("application/json").result(mapper.writeValueAsString(
                mapper.createObjectNode().put("status", up ? "UP" : "DOWN").put("state", state.get().name())));
    }

    private void timed(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started != null) {
            String route = ctx.endpointHandlerPath();
            metrics.httpRequest(ctx.method().name(), route.isEmpty() ? "unmatched" : route, ctx.statusCode(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
