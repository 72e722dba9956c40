package dev.foresight.topology.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.producers.RecordingEventSink;
import dev.foresight.query.BearerToken;
import dev.foresight.query.KeyOwner;
import dev.foresight.query.QueryServer;
import dev.foresight.query.RunsApi;
import dev.foresight.query.StreamsRunReader;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.topics.Topics;
import dev.foresight.topology.TopologyFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.foresight.topology.TopologyFixture.START;
import static dev.foresight.topology.workflow.WorkflowEvents.completed;
import static dev.foresight.topology.workflow.WorkflowEvents.finished;
import static dev.foresight.topology.workflow.WorkflowEvents.submittedRequesting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run repository on the topology's own stores, queried through the REST API. */
class RunRepositoryTest {

    private static final Instant NOW = START.plus(Duration.ofDays(1));

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private TopologyFixture fixture;
    private TestInputTopic<String, WorkflowEvent> workflows;
    private QueryServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        fixture.close();
    }

    @Test
    void shouldListTheRunsOfATypeThatFinishedInTheRangeOldestFirst() throws Exception {
        open(WorkflowSettings.defaults());
        runOf("wf-1", "etl", START, 2);
        runOf("wf-2", "ml", START.plusSeconds(600), 2);
        runOf("wf-3", "etl", START.plusSeconds(1200), 2);
        runOf("wf-4", "etl", START.plusSeconds(7200), 2);

        JsonNode page = get("/workflows/etl/runs?from=" + START + "&to=" + START.plusSeconds(3600));

        assertEquals(List.of("wf-1", "wf-3"), ids(page, "workflowId"));
        assertTrue(page.get("nextCursor").isNull());
        JsonNode comparison = page.get("items").get(0).get("comparison");
        assertEquals(2, comparison.get("sized").asInt());
        assertTrue(comparison.get("allocatedMemoryMbH").asDouble() > comparison.get("usedMemoryMbH").asDouble(),
                "requested 4096 MiB, used 1000: " + comparison);
    }

    @Test
    void shouldPageWithACursorUntilEveryRunWasListedOnce() throws Exception {
        open(WorkflowSettings.defaults());
        for (int i = 0; i < 5; i++) {
            runOf("wf-" + i, "etl", START.plusSeconds(100L * i), 1);
        }

        List<String> seen = new ArrayList<>();
        String query = "/workflows/etl/runs?limit=2&from=" + START;
        int pages = 0;
        JsonNode page;
        do {
            page = get(query);
            seen.addAll(ids(page, "workflowId"));
            pages++;
            query = "/workflows/etl/runs?limit=2&from=" + START + "&cursor=" + page.get("nextCursor").asText();
        } while (!page.get("nextCursor").isNull());

        assertEquals(List.of("wf-0", "wf-1", "wf-2", "wf-3", "wf-4"), seen);
        assertEquals(3, pages);
    }

    @Test
    void shouldAnswerTheUsageOfAnActionTypeAcrossRunsAndSplitARunOverPages() throws Exception {
        open(WorkflowSettings.defaults());
        runOf("wf-1", "etl", START, 3);
        runOf("wf-2", "etl", START.plusSeconds(600), 3);

        JsonNode first = get("/workflows/etl/actions/extract/usage?limit=4&from=" + START);
        JsonNode second = get("/workflows/etl/actions/extract/usage?limit=4&from=" + START + "&cursor="
                + first.get("nextCursor").asText());

        assertEquals(List.of("wf-1", "wf-1", "wf-1", "wf-2"), ids(first, "workflowId"));
        assertEquals(List.of("wf-2", "wf-2"), ids(second, "workflowId"));
        assertTrue(second.get("nextCursor").isNull());
        JsonNode point = first.get("items").get(0);
        assertEquals(1000, point.get("actual").get("memoryMb").asDouble());
        assertEquals(4096, point.get("prediction").get("allocated").get("memoryMb").asDouble());
    }

    @Test
    void shouldAnswerOneRunWithWhatWasPredictedAndUsedPerAction() throws Exception {
        open(WorkflowSettings.defaults());
        runOf("wf-1", "etl", START, 2);

        JsonNode run = get("/workflows/etl/runs/wf-1");

        assertEquals("SUCCEEDED", run.get("status").asText());
        assertEquals(2, run.get("actions").size());
        assertEquals(1000, run.get("actions").get(1).get("actual").get("memoryMb").asDouble());
        assertTrue(run.get("actions").get(1).has("error"));
        assertEquals(2, run.get("comparison").get("sized").asInt());
        assertEquals(404, call("/workflows/ml/runs/wf-1").statusCode());
    }

    @Test
    void shouldKeepAFinishedRunAfterItsShadowIsDeletedUntilItsRetentionPasses() throws Exception {
        open(WorkflowSettings.defaults().withRuns(new RunRepositorySettings(Duration.ofHours(3), 100)));
        runOf("wf-1", "etl", START, 1);

        send(finishedOf("wf-2", "etl", START.plus(Duration.ofHours(2))));
        assertTrue(fixture.driver().<String, ShadowWorkflow>getKeyValueStore(WorkflowShadowing.SHADOW_STORE)
                .get("wf-1") == null, "the shadow itself is gone after an hour");
        assertEquals(200, call("/workflows/etl/runs/wf-1").statusCode());

        send(finishedOf("wf-3", "etl", START.plus(Duration.ofHours(3)).plusSeconds(120)));
        assertEquals(404, call("/workflows/etl/runs/wf-1").statusCode());
        assertEquals(List.of("wf-2", "wf-3"), ids(get("/workflows/etl/runs?from=" + START), "workflowId"));
    }

    @Test
    void shouldDropTheOldestRunsBeyondTheCap() throws Exception {
        open(WorkflowSettings.defaults().withRuns(new RunRepositorySettings(Duration.ofDays(30), 2)));
        for (int i = 0; i < 4; i++) {
            runOf("wf-" + i, "etl", START.plusSeconds(100L * i), 1);
        }

        assertEquals(List.of("wf-2", "wf-3"), ids(get("/workflows/etl/runs?from=" + START), "workflowId"));
        KeyValueStore<String, String> index = fixture.driver().getKeyValueStore(WorkflowShadowing.RUN_INDEX_STORE);
        List<String> entries = new ArrayList<>();
        try (var all = index.all()) {
            all.forEachRemaining(kv -> entries.add(kv.value));
        }
        assertEquals(4, entries.size(), "an id and an expiry entry for each of the 2 runs kept: " + entries);
    }

    @Test
    void shouldRefuseBadParametersWithJson() throws Exception {
        open(WorkflowSettings.defaults());

        for (String bad : List.of("/workflows/etl/runs?limit=0", "/workflows/etl/runs?limit=10000",
                "/workflows/etl/runs?from=yesterday", "/workflows/etl/runs?cursor=bm9wZQ",
                "/workflows/etl/runs?from=" + NOW + "&to=" + START, "/workflows/e%20tl/runs")) {
            HttpResponse<String> response = call(bad);
            assertEquals(400, response.statusCode(), bad);
            assertFalse(mapper.readTree(response.body()).get("error").asText().isBlank(), bad);
        }
    }

    /** A run of {@code actions} extract actions, each asking 4096 MiB and using 1000, then its end. */
    private void runOf(String workflowId, String type, Instant start, int actions) {
        for (int i = 0; i < actions; i++) {
            Instant at = start.plusSeconds(10L * i);
            send(typed(submittedRequesting(workflowId, workflowId + "-a" + i, "extract", at, 1, 4096), type));
            send(typed(completed(workflowId, workflowId + "-a" + i, "extract", at.plusSeconds(5), 1, 1000), type));
        }
        send(finishedOf(workflowId, type, start.plusSeconds(10L * actions)));
    }

    private static WorkflowEvent finishedOf(String workflowId, String type, Instant at) {
        return typed(finished(workflowId, at), type);
    }

    private static WorkflowEvent typed(WorkflowEvent event, String type) {
        event.setWorkflowType(type);
        return event;
    }

    /** As a live producer sends it: ingest refuses events from too far in the future of the wall clock. */
    private void send(WorkflowEvent event) {
        fixture.clockAt(event.getTimestamp());
        workflows.pipeInput(event.getWorkflowId(), event, event.getTimestamp());
    }

    private void open(WorkflowSettings settings) {
        fixture = new TopologyFixture(WorkflowTopology.of(settings.withLookAhead(Duration.ZERO), 0.2), stateDir);
        workflows = fixture.input(Topics.WORKFLOWS);
        StreamsRunReader reader = new StreamsRunReader(
                () -> fixture.driver().getKeyValueStore(WorkflowShadowing.RUNS_STORE),
                () -> fixture.driver().getKeyValueStore(WorkflowShadowing.RUN_INDEX_STORE));
        server = new QueryServer(key -> new KeyOwner.Local(), key -> Optional.empty(), new RecordingEventSink(),
                Clock.fixed(NOW, ZoneOffset.UTC))
                .withRuns(new RunsApi(key -> new KeyOwner.Local(), reader, Clock.fixed(NOW, ZoneOffset.UTC)))
                .start("127.0.0.1", 0, BearerToken.none());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = call(path);
        assertEquals(200, response.statusCode(), response.body());
        return mapper.readTree(response.body());
    }

    private HttpResponse<String> call(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }
}
