package dev.foresight.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.domain.workflow.RunComparison;
import dev.foresight.domain.workflow.RunKeys;
import dev.foresight.domain.workflow.Shadows;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowWorkflow;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The run repository over HTTP: finished runs of a workflow type, read on the instance that owns the
 * type (forwarded like the shadow reads), oldest first, in pages.
 * <ul>
 *   <li>{@code GET /workflows/{workflowType}/runs?from=&to=&limit=&cursor=}: the runs that finished in
 *       [from, to), each with its predicted-against-actual summary;</li>
 *   <li>{@code GET /workflows/{workflowType}/runs/{workflowID}}: one run whole, every retained action with what was
 *       predicted, reserved and used, and the summary;</li>
 *   <li>{@code GET /workflows/{workflowType}/actions/{actionType}/usage?from=&to=&limit=&cursor=}: every
 *       completed action of that type in those runs, what it used and what it was given.</li>
 * </ul>
 * {@code from} and {@code to} are ISO-8601 instants (default: the last 7 days); {@code limit} is 1 to
 * {@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}); a page that stops early names {@code nextCursor}
 * (null on the last page). A page reads at most {@value #MAX_SCANNED} runs, so a rare action type cannot make
 * one request scan the whole repository: it may come back short, with a cursor to go on from.
 */
public final class RunsApi {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_SCANNED = 5000;
    private static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    private final ShadowLocator locator;
    private final RunReader reader;
    private final Clock clock;
    private final OwnerProxy proxy = new OwnerProxy();
    private final ObjectMapper mapper = new ObjectMapper();
    private final ShadowJson json = new ShadowJson(mapper);

    /** @param locator finds the instance that owns a workflow type's partition of the run repository */
    public RunsApi(ShadowLocator locator, RunReader reader, Clock clock) {
        this.locator = locator;
        this.reader = reader;
        this.clock = clock;
    }

    void runs(Context ctx) {
        paged(ctx, run -> List.of(summary(run)));
    }

    void usage(Context ctx) {
        String actionType = Requests.id(ctx.pathParam("actionType"), "actionType");
        paged(ctx, run -> run.getActions().stream()
                .filter(a -> a.getActionType().equals(actionType) && a.getActual() != null && a.getEndedAt() != null)
                .sorted(Comparator.comparing(ShadowAction::getEndedAt))
                .map(a -> (JsonNode) json.action(a).put("workflowId", run.getWorkflowId())).toList());
    }

    void run(Context ctx) {
        String type = Requests.id(ctx.pathParam("workflowType"), "workflowType");
        String workflowId = Requests.id(ctx.pathParam("workflowID"), "workflowID");
        if (proxy.forwardedToOwner(ctx, locator.locate(type), "workflow type " + type)) {
            return;
        }
        ShadowWorkflow run = reader.run(type, workflowId).orElseThrow(() -> ApiException.notFound(
                "no finished run " + workflowId + " of workflow type " + type));
        ObjectNode body = json.shadow(run);
        body.set("comparison", mapper.valueToTree(RunComparison.of(run)));
        ok(ctx, body);
    }

    /** One page of the items {@code itemsOf} draws from each run of the requested type and range. */
    private void paged(Context ctx, Function<ShadowWorkflow, List<JsonNode>> itemsOf) {
        String type = Requests.id(ctx.pathParam("workflowType"), "workflowType");
        Instant to = Requests.instant(ctx.queryParam("to"), "to", clock.instant());
        Instant from = Requests.instant(ctx.queryParam("from"), "from", to.minus(DEFAULT_RANGE));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from must be before to");
        }
        int limit = limit(ctx.queryParam("limit"));
        Optional<RunKeys.Cursor> cursor = Optional.ofNullable(ctx.queryParam("cursor")).map(RunsApi::cursor);
        if (proxy.forwardedToOwner(ctx, locator.locate(type), "workflow type " + type)) {
            return;
        }
        Page page = new Page(limit, cursor);
        reader.scan(type, from, to, cursor.map(c -> RunKeys.cursorKey(type, c)), run -> page.add(run, itemsOf));
        ObjectNode body = mapper.createObjectNode().put("workflowType", type).put("from", from.toString())
                .put("to", to.toString());
        body.putArray("items").addAll(page.items);
        body.put("nextCursor", page.next == null ? null : page.next.encode());
        ok(ctx, body);
    }

    private ObjectNode summary(ShadowWorkflow run) {
        ObjectNode summary = mapper.createObjectNode().put("workflowId", run.getWorkflowId())
                .put("status", run.getStatus().name()).put("createdAt", run.getCreatedAt().toString())
                .put("completedAt", Shadows.finishedAt(run).toString()).put("actions", run.getActions().size())
                .put("archivedActions", run.getArchivedActions());
        summary.set("comparison", mapper.valueToTree(RunComparison.of(run)));
        return summary;
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be an integer from 1 to " + MAX_LIMIT + ", got '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private static RunKeys.Cursor cursor(String token) {
        return RunKeys.Cursor.decode(token)
                .filter(c -> c.workflowId().length() <= Requests.MAX_ID_LENGTH)
                .orElseThrow(() -> ApiException.badRequest("cursor is not one this API returned"));
    }

    private void ok(Context ctx, JsonNode body) {
        ctx.status(200).contentType(ContentType.APPLICATION_JSON).result(body.toString());
    }

    /** Collects up to {@code limit} items; remembers where the next page starts once it is full. */
    private static final class Page {

        private final int limit;
        private final Optional<RunKeys.Cursor> start;
        private final List<JsonNode> items = new ArrayList<>();
        private RunKeys.Cursor next;
        private int scanned;

        Page(int limit, Optional<RunKeys.Cursor> start) {
            this.limit = limit;
            this.start = start;
        }

        /** @return whether to read on */
        boolean add(ShadowWorkflow run, Function<ShadowWorkflow, List<JsonNode>> itemsOf) {
            long finished = Shadows.finishedAt(run).toEpochMilli();
            if (++scanned > MAX_SCANNED) {
                next = new RunKeys.Cursor(finished, run.getWorkflowId(), 0);
                return false;
            }
            int skip = start.filter(c -> c.completedAtMs() == finished && c.workflowId().equals(run.getWorkflowId()))
                    .map(RunKeys.Cursor::skip).orElse(0);
            List<JsonNode> drawn = itemsOf.apply(run);
            for (int i = skip; i < drawn.size(); i++) {
                if (items.size() == limit) {
                    next = new RunKeys.Cursor(finished, run.getWorkflowId(), i);
                    return false;
                }
                items.add(drawn.get(i));
            }
            return true;
        }
    }
}
