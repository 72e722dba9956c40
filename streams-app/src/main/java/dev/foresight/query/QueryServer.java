package dev.foresight.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.domain.workflow.Resources;
import dev.foresight.domain.workflow.Shadows;
import dev.foresight.ingest.EventFamilies;
import dev.foresight.producers.EventSink;
import dev.foresight.query.dashboard.DashboardApi;
import dev.foresight.query.dashboard.DashboardView;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.OperatorDecision;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.ManualIntervention;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.topics.Topics;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow workflow API over HTTP.
 *
 * <ul>
 *   <li>{@code POST /shadow/create/{workflowID}}, optional body {@code {"workflowType": "..."}}: publishes a
 *       WorkflowCreated to {@code workflow.events.v1}; 202.</li>
 *   <li>{@code GET /shadow/{workflowID}}: the shadow; 404 if there is none.</li>
 *   <li>{@code GET /shadow/{workflowID}/prediction/{actionID}}: what was predicted and reserved for the action,
 *       with its confidence; 404 if the workflow, the action or its prediction is unknown.</li>
 *   <li>{@code POST /shadow/{workflowID}/submit/{actionID}}, body {@code {"actionType": "...", "requested":
 *       {...}}}: publishes an ActionSubmitted, so the action is sized and reserved before it runs; 202, or 409 if
 *       the action was already sized.</li>
 *   <li>{@code PUT /shadow/{workflowID}/feedback/{actionID}/{actualResourceUsage}}: the action's actual memory in
 *       MiB, other resources optionally as a JSON body; publishes an ActionCompleted; 202, or 409 if the action
 *       already completed.</li>
 *   <li>{@code POST /shadow/{workflowID}/intervention/{actionID}}, body {@code {"approved": true|false, "operator":
 *       "...", "reason": "...", "resources": {...}}}: an operator's answer to the action's manual-intervention
 *       request, published as an OperatorDecision; 202, 404 if the action asked for none, 409 if it is decided.</li>
 *   <li>{@code POST /incidents/ack}, body {@code {"incidentId": "...", "by": "..."}}: acknowledges an incident
 *       ({@link IncidentAcks}); 202.</li>
 * </ul>
 * With {@link #withRuns}, the finished runs by workflow type ({@link RunsApi}); with {@link #withSeries}, also
 * {@code GET /series/{serviceId}/{metric}?from=&to=&step=} ({@link SeriesApi});
 * with {@link #withPipelines}, {@code GET /pipelines/{serviceId}/versions[/{version}]} and
 * {@code /pipelines/{serviceId}/diff?from=&to=} ({@link PipelineApi});
 * with {@link #withOperations}, {@code /metrics}, {@code /health/live} and {@code /health/ready}
 * ({@link OperationsApi}); with {@link #withDashboard}, the dashboard's page and data ({@link DashboardApi}).
 * Reads go to the instance that owns the workflow's partition (forwarded when it is another one, with the
 * caller's token). With a bearer token set, a request without it gets 401 (the health probes excepted).
 * Every error is JSON {@code {"error": "..."}}: 400 for bad input, 401, 404, 405 for a wrong method, 409,
 * 413 for a body over 16 KiB, 414 and 431 for a URI or headers over Jetty's 8 KiB, 503 with Retry-After while
 * the store cannot be queried or the event cannot be published, 500 (without details) for a bug.
 */
public final class QueryServer implements AutoCloseable {

    static final int RETRY_AFTER_SECONDS = 1;
    /** The largest body a request may have: a feedback body is a handful of numbers. */
    static final long MAX_BODY_BYTES = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);

    private final ShadowLocator locator;
    private final ShadowReader reader;
    private final EventSink sink;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Requests requests = new Requests(mapper);
    private final ShadowJson json = new ShadowJson(mapper);
    private final OwnerProxy proxy = new OwnerProxy();
    private SeriesApi series;
    private PipelineApi pipelines;
    private RunsApi runs;
    private OperationsApi operations;
    private DashboardApi dashboard;
    private DashboardWorkflows workflows;
    private Javalin app;

    /**
     * @param shadowStore the queryable store of shadows, keyed by workflowId
     * @param sink publishes to the input topics, e.g. a {@code KafkaEventSink}
     * @param self this instance's {@code application.server}, or {@link HostInfo#unavailable()} when it is the only one
     */
    public QueryServer(KafkaStreams streams, String shadowStore, EventSink sink, HostInfo self) {
        this(new StreamsShadowLocator(streams, shadowStore, self), new StreamsShadowReader(streams, shadowStore), sink,
                Clock.systemUTC());
    }

    /** Also serves {@code GET /series/{serviceId}/{metric}} (see {@link SeriesApi}); call before {@link #start}. */
    public QueryServer withSeries(SeriesApi seriesApi) {
        this.series = seriesApi;
        return this;
    }

    /** Also serves the run repository under {@code /workflows/{workflowType}} (see {@link RunsApi}); call before {@link #start}. */
    public QueryServer withRuns(RunsApi runsApi) {
        this.runs = runsApi;
        return this;
    }

    /** Also serves the pipeline versions (see {@link PipelineApi}); call before {@link #start}. */
    public QueryServer withPipelines(PipelineApi pipelineApi) {
        this.pipelines = pipelineApi;
        return this;
    }

    /** Also serves {@code /metrics} and the health probes (see {@link OperationsApi}); call before {@link #start}. */
    public QueryServer withOperations(OperationsApi operationsApi) {
        this.operations = operationsApi;
        return this;
    }

    /**
     * Also serves the dashboard (see {@link DashboardApi}) and {@code GET /api/dashboard/workflows}
     * ({@link DashboardWorkflows}); call before {@link #start}.
     */
    public QueryServer withDashboard(DashboardView view, ShadowCatalogue shadows) {
        this.dashboard = new DashboardApi(view, mapper);
        this.workflows = new DashboardWorkflows(shadows, mapper);
        return this;
    }

    public QueryServer(ShadowLocator locator, ShadowReader reader, EventSink sink, Clock clock) {
        this.locator = locator;
        this.reader = reader;
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * @param token the bearer token every request must carry, or {@link BearerToken#none()}
     */
    public QueryServer start(String host, int port, BearerToken token) {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            if (dashboard != null) {
                DashboardApi.assets(config);
            }
        });
        if (operations != null) {
            operations.register(app);
        }
        app.before(ctx -> {
            if (!OperationsApi.isPublic(ctx) && (dashboard == null || !DashboardApi.isAsset(ctx.path()))) {
                token.check(ctx);
            }
        })
                .post("/shadow/create/{workflowID}", this::create)
                .get("/shadow/{workflowID}", ctx -> owned(ctx, (shadow, c) -> ok(c, 200, json.shadow(shadow))))
                .get("/shadow/{workflowID}/prediction/{actionID}", this::prediction)
                .post("/shadow/{workflowID}/submit/{actionID}", this::submit)
                .put("/shadow/{workflowID}/feedback/{actionID}/{actualResourceUsage}", this::feedback)
                .post("/shadow/{workflowID}/intervention/{actionID}", this::answer)
                .post("/incidents/ack", new IncidentAcks(sink, clock, mapper)::handle)
                .exception(ApiException.class, (e, ctx) -> fail(ctx, e.status(), e.getMessage()))
                .exception(StoreUnavailableException.class, (e, ctx) -> fail(ctx, 503, e.getMessage()))
                .exception(HttpResponseException.class, (e, ctx) -> fail(ctx, e.getStatus(), e.getMessage()))
                .exception(Exception.class, (e, ctx) -> {
                    LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
                    fail(ctx, 500, "internal error");
                });
        if (series != null) {
            app.get("/series/{serviceId}/{metric}", series::handle);
        }
        if (runs != null) {
            app.get("/workflows/{workflowType}/runs", runs::runs)
                    .get("/workflows/{workflowType}/runs/{workflowID}", runs::run)
                    .get("/workflows/{workflowType}/actions/{actionType}/usage", runs::usage);
        }
        if (pipelines != null) {
            app.get("/pipelines/{serviceId}/versions", pipelines::list)
                    .get("/pipelines/{serviceId}/versions/{version}", pipelines::get)
                    .get("/pipelines/{serviceId}/diff", pipelines::diff);
        }
        if (dashboard != null) {
            app.get("/api/dashboard/state", dashboard::state)
                    .get("/api/dashboard/commands/{id}", dashboard::command)
                    .get("/api/dashboard/workflows", workflows::handle);
        }
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }

    private void create(Context ctx) {
        String workflowId = Requests.id(ctx.pathParam("workflowID"), "workflowID");
        String type = requests.workflowType(ctx.body());
        WorkflowEvent event = event(workflowId, type, new WorkflowCreated(0));
        publish(event);
        ok(ctx, 202, mapper.createObjectNode().put("workflowId", workflowId).put("workflowType", type)
                .put("eventId", event.getEventId()));
    }

    private void prediction(Context ctx) {
        String actionId = Requests.id(ctx.pathParam("actionID"), "actionID");
        owned(ctx, (shadow, c) -> {
            ShadowAction action = action(shadow, actionId);
            if (action.getPrediction() == null) {
                throw ApiException.notFound("no prediction was made for action " + actionId);
            }
            ok(c, 200, json.prediction(shadow, action));
        });
    }

    private void submit(Context ctx) {
        String actionId = Requests.id(ctx.pathParam("actionID"), "actionID");
        Requests.Submission submission = requests.submission(ctx.body());
        owned(ctx, (shadow, c) -> {
            boolean sized = shadow.getActions().stream()
                    .anyMatch(a -> a.getActionId().equals(actionId) && a.getPrediction() != null);
            if (sized) {
                throw new ApiException(409, "action " + actionId + " was already submitted and sized");
            }
            WorkflowEvent event = event(shadow.getWorkflowId(), shadow.getWorkflowType(), new ActionSubmitted(actionId,
                    submission.actionType(), submission.requested().map(Resources::toUsage).orElse(null)));
            publish(event);
            ok(c, 202, mapper.createObjectNode().put("workflowId", shadow.getWorkflowId()).put("actionId", actionId)
                    .put("actionType", submission.actionType()).put("eventId", event.getEventId()));
        });
    }

    private void feedback(Context ctx) {
        String actionId = Requests.id(ctx.pathParam("actionID"), "actionID");
        double memoryMb = Requests.number(ctx.pathParam("actualResourceUsage"), "actualResourceUsage");
        String body = ctx.body();
        owned(ctx, (shadow, c) -> {
            ShadowAction action = action(shadow, actionId);
            if (action.getActual() != null) {
                throw new ApiException(409, "action " + actionId + " already completed; its usage is known");
            }
            Resources assumed = action.getPrediction() == null
                    ? new Resources(0, 0, 0, 0, 0) : Resources.of(action.getPrediction().getExpected());
            Resources actual = requests.usage(memoryMb, body, assumed);
            WorkflowEvent event = event(shadow.getWorkflowId(), shadow.getWorkflowType(),
                    new ActionCompleted(actionId, action.getActionType(), true, actual.toUsage()));
            publish(event);
            JsonNode usage = mapper.valueToTree(actual);
            ok(c, 202, mapper.createObjectNode().put("workflowId", shadow.getWorkflowId()).put("actionId", actionId)
                    .put("eventId", event.getEventId()).set("actual", usage));
        });
    }

    /** An operator's answer to the manual intervention the action waits for, published as an OperatorDecision. */
    private void answer(Context ctx) {
        String actionId = Requests.id(ctx.pathParam("actionID"), "actionID");
        Requests.Answer answer = requests.answer(ctx.body());
        owned(ctx, (shadow, c) -> {
            ManualIntervention intervention = action(shadow, actionId).getIntervention();
            if (intervention == null) {
                throw ApiException.notFound("action " + actionId + " did not ask for an operator");
            }
            if (intervention.getOutcome() != null) {
                throw new ApiException(409, "the intervention for action " + actionId + " is already decided: "
                        + intervention.getOutcome() + " by " + intervention.getDecidedBy());
            }
            WorkflowEvent event = event(shadow.getWorkflowId(), shadow.getWorkflowType(), new OperatorDecision(actionId,
                    answer.approved(), answer.resources().map(Resources::toUsage).orElse(null), answer.operator(),
                    answer.reason().orElse(null)));
            publish(event);
            ok(c, 202, mapper.createObjectNode().put("workflowId", shadow.getWorkflowId()).put("actionId", actionId)
                    .put("approved", answer.approved()).put("eventId", event.getEventId()));
        });
    }

    /** Runs {@code local} with the shadow if this instance owns it, else forwards the whole request to the owner. */
    private void owned(Context ctx, BiConsumer<ShadowWorkflow, Context> local) {
        String workflowId = Requests.id(ctx.pathParam("workflowID"), "workflowID");
        if (proxy.forwardedToOwner(ctx, locator.locate(workflowId), "workflow " + workflowId)) {
            return;
        }
        ShadowWorkflow shadow = reader.read(workflowId)
                .orElseThrow(() -> ApiException.notFound("no shadow for workflow " + workflowId));
        local.accept(shadow, ctx);
    }

    private static ShadowAction action(ShadowWorkflow shadow, String actionId) {
        return Shadows.action(shadow, actionId).orElseThrow(() -> ApiException.notFound(
                "workflow " + shadow.getWorkflowId() + " has no action " + actionId));
    }

    private WorkflowEvent event(String workflowId, String type, Object payload) {
        return WorkflowEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setWorkflowId(workflowId)
                .setWorkflowType(type).setTimestamp(Instant.now(clock)).setPayload(payload).build();
    }

    /** Checks the event with ingest's own rule, so the API accepts exactly what the topology accepts. */
    private void publish(WorkflowEvent event) {
        long now = clock.millis();
        EventFamilies.WORKFLOWS.rule().violation(event.getWorkflowId(), event, now).ifPresent(reason -> {
            throw ApiException.badRequest(reason);
        });
        try {
            sink.send(Topics.WORKFLOWS, event.getWorkflowId(), event, now);
            sink.flush();
        } catch (KafkaException e) {
            throw ApiException.unavailable("could not publish the event: " + e.getMessage());
        }
    }

    private void ok(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(write(body));
    }

    private void fail(Context ctx, int status, String message) {
        if (status == 503) {
            ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        ok(ctx, status, json.message(message));
    }

    private String write(JsonNode body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
