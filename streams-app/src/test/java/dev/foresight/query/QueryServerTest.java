package dev.foresight.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.domain.workflow.Shadows;
import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.IncidentAcknowledged;
import dev.foresight.schema.events.OperatorDecision;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.ActionPrediction;
import dev.foresight.schema.state.ManualIntervention;
import dev.foresight.schema.state.PredictionSource;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryServerTest {

    private static final Instant NOW = Instant.parse("2026-01-05T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<QueryServer> servers = new ArrayList<>();
    private final RecordingEventSink sink = new RecordingEventSink();

    @AfterEach
    void tearDown() {
        servers.forEach(QueryServer::close);
    }

    @Test
    void shouldAnswerTheShadowAsJson() throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")), sink);

        HttpResponse<String> response = call(server, "GET", "/shadow/wf-1", null);

        assertEquals(200, response.statusCode());
        JsonNode json = mapper.readTree(response.body());
        assertEquals("wf-1", json.get("workflowId").asText());
        assertEquals("RUNNING", json.get("status").asText());
        assertEquals("a-1", json.get("actions").get(0).get("actionId").asText());
        assertEquals(NOW.toString(), json.get("createdAt").asText());
    }

    @Test
    void shouldAnswer404ForAnUnknownWorkflow() throws Exception {
        HttpResponse<String> response = call(serve(new FakeShadows(), sink), "GET", "/shadow/wf-9", null);

        assertEquals(404, response.statusCode());
        assertEquals("no shadow for workflow wf-9", mapper.readTree(response.body()).get("error").asText());
    }

    @Test
    void shouldAnswerThePredictionOfAnActionWithItsConfidence() throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")), sink);

        JsonNode json = mapper.readTree(call(server, "GET", "/shadow/wf-1/prediction/a-1", null).body());

        assertEquals(0.8, json.get("confidence").asDouble());
        assertEquals("MODEL", json.get("source").asText());
        assertEquals(1200, json.get("allocated").get("memoryMb").asDouble());
        assertEquals(1000, json.get("expected").get("memoryMb").asDouble());
    }

    @Test
    void shouldAnswer404ForAnUnknownAction() throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")), sink);

        assertEquals(404, call(server, "GET", "/shadow/wf-1/prediction/a-7", null).statusCode());
    }

    @Test
    void shouldPublishWorkflowCreatedWithTheGivenType() throws Exception {
        QueryServer server = serve(new FakeShadows(), sink);

        HttpResponse<String> response = call(server, "POST", "/shadow/create/wf-2", "{\"workflowType\":\"etl\"}");

        assertEquals(202, response.statusCode());
        WorkflowEvent event = sink.values(Topics.WORKFLOWS).get(0);
        assertEquals("wf-2", event.getWorkflowId());
        assertEquals("etl", event.getWorkflowType());
        assertEquals(NOW, event.getTimestamp());
        assertTrue(event.getPayload() instanceof WorkflowCreated);
    }

    @Test
    void shouldPublishActionCompletedWithTheMemoryOfThePathAndTheRestAsExpected() throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")), sink);

        HttpResponse<String> response = call(server, "PUT", "/shadow/wf-1/feedback/a-1/1500", null);

        assertEquals(202, response.statusCode());
        ActionCompleted completed = (ActionCompleted) sink.values(Topics.WORKFLOWS).get(0).getPayload();
        assertEquals("a-1", completed.getActionId());
        assertEquals("extract", completed.getActionType());
        assertEquals(1500, completed.getActual().getMemoryMb());
        assertEquals(2, completed.getActual().getCpuCores(), "not measured: taken as expected");
    }

    @Test
    void shouldPublishActionSubmittedWithItsTypeAndRequest() throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")), sink);

        HttpResponse<String> response = call(server, "POST", "/shadow/wf-1/submit/a-2",
                "{\"actionType\": \"align\", \"requested\": {\"cpuCores\": 2, \"memoryMb\": 4096}}");

        assertEquals(202, response.statusCode(), response.body());
        ActionSubmitted submitted = (ActionSubmitted) sink.values(Topics.WORKFLOWS).get(0).getPayload();
        assertEquals("a-2", submitted.getActionId());
        assertEquals("align", submitted.getActionType());
        assertEquals(4096, submitted.getRequested().getMemoryMb());
        assertEquals(2, submitted.getRequested().getCpuCores());
    }

    @Test
    void shouldAnswer409ForASubmitOfAnActionAlreadySizedAnd400WithoutAType() throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")), sink);

        assertEquals(409, call(server, "POST", "/shadow/wf-1/submit/a-1", "{\"actionType\": \"extract\"}").statusCode());
        assertEquals(400, call(server, "POST", "/shadow/wf-1/submit/a-2", "{}").statusCode());
        assertEquals(400, call(server, "POST", "/shadow/wf-1/submit/a-2",
                "{\"actionType\": \"x\", \"requested\": {\"memoryMb\": -1}}").statusCode());
        assertTrue(sink.values(Topics.WORKFLOWS).isEmpty());
    }

    @Test
    void shouldTakeOtherResourcesFromTheJsonBody() throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")), sink);

        call(server, "PUT", "/shadow/wf-1/feedback/a-1/1500", "{\"cpuCores\": 3.5, \"durationMs\": 9000}");

        ResourceUsage actual = ((ActionCompleted) sink.values(Topics.WORKFLOWS).get(0).getPayload()).getActual();
        assertEquals(3.5, actual.getCpuCores());
        assertEquals(9000, actual.getDurationMs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "NaN", "Infinity", "1e30"})
    void shouldRejectFeedbackThatIsNoSensibleMemoryAmount(String value) throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")), sink);

        HttpResponse<String> response = call(server, "PUT", "/shadow/wf-1/feedback/a-1/" + value, null);

        assertEquals(400, response.statusCode());
        assertTrue(mapper.readTree(response.body()).get("error").asText().contains("actual"), response.body());
        assertTrue(sink.events().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"cpuCores\": ", "[1, 2]", "{\"cpuCores\": \"lots\"}", "{\"gpus\": 1}"})
    void shouldRejectAMalformedFeedbackBody(String body) throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")), sink);

        assertEquals(400, call(server, "PUT", "/shadow/wf-1/feedback/a-1/100", body).statusCode());
        assertTrue(sink.events().isEmpty());
    }

    @Test
    void shouldRejectAnOverlongOrBlankId() throws Exception {
        QueryServer server = serve(new FakeShadows(), sink);

        assertEquals(400, call(server, "POST", "/shadow/create/" + "w".repeat(129), null).statusCode());
        assertEquals(400, call(server, "GET", "/shadow/%20", null).statusCode());
    }

    @Test
    void shouldAnswer409ForFeedbackOnACompletedAction() throws Exception {
        ShadowWorkflow shadow = shadow("wf-1");
        shadow.getActions().get(0).setActual(new ResourceUsage(1.0, 100.0, 0.0, 0.0, 0L));
        QueryServer server = serve(new FakeShadows().put(shadow), sink);

        assertEquals(409, call(server, "PUT", "/shadow/wf-1/feedback/a-1/100", null).statusCode());
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheStoreIsNotQueryable() throws Exception {
        QueryServer server = serve(new FakeShadows().put(shadow("wf-1")).notQueryable(), sink);

        HttpResponse<String> response = call(server, "GET", "/shadow/wf-1", null);

        assertEquals(503, response.statusCode());
        assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void shouldAnswer503WhileNoInstanceOwnsTheKey() throws Exception {
        QueryServer server = serve(new FakeShadows().ownedBy(new KeyOwner.Unavailable("Kafka Streams is REBALANCING")),
                sink);

        HttpResponse<String> response = call(server, "GET", "/shadow/wf-1", null);

        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("REBALANCING"));
    }

    @Test
    void shouldForwardAReadToTheOwningInstance() throws Exception {
        QueryServer owner = serve(new FakeShadows().put(shadow("wf-1")), sink);
        QueryServer other = serve(new FakeShadows().ownedBy(new KeyOwner.Remote("localhost", owner.port())),
                new RecordingEventSink());

        HttpResponse<String> response = call(other, "GET", "/shadow/wf-1/prediction/a-1", null);

        assertEquals(200, response.statusCode());
        assertEquals(0.8, mapper.readTree(response.body()).get("confidence").asDouble());
    }

    @Test
    void shouldForwardFeedbackWithItsBodyToTheOwningInstance() throws Exception {
        QueryServer owner = serve(new FakeShadows().put(shadow("wf-1")), sink);
        QueryServer other = serve(new FakeShadows().ownedBy(new KeyOwner.Remote("localhost", owner.port())),
                new RecordingEventSink());

        HttpResponse<String> response = call(other, "PUT", "/shadow/wf-1/feedback/a-1/800", "{\"cpuCores\": 1.5}");

        assertEquals(202, response.statusCode());
        ResourceUsage actual = ((ActionCompleted) sink.values(Topics.WORKFLOWS).get(0).getPayload()).getActual();
        assertEquals(1.5, actual.getCpuCores());
        assertEquals(800, actual.getMemoryMb());
    }

    @Test
    void shouldNotForwardARequestThatWasAlreadyForwarded() throws Exception {
        QueryServer a = serve(new FakeShadows().ownedBy(new KeyOwner.Remote("localhost", 1)), sink);
        QueryServer b = serve(new FakeShadows().ownedBy(new KeyOwner.Remote("localhost", a.port())), sink);

        HttpResponse<String> response = call(b, "GET", "/shadow/wf-1", null);

        assertEquals(503, response.statusCode(), "a answers 503 instead of forwarding to a third instance");
        assertTrue(response.body().contains("moving"), response.body());
    }

    @Test
    void shouldPublishAnOperatorsApprovalOfAPendingIntervention() throws Exception {
        QueryServer server = serve(new FakeShadows().put(waiting("wf-1", null)), sink);

        HttpResponse<String> response = call(server, "POST", "/shadow/wf-1/intervention/a-9",
                "{\"approved\": true, \"operator\": \"alice\", \"reason\": \"input is 40 GB\","
                        + " \"resources\": {\"cpuCores\": 8, \"memoryMb\": 32768}}");

        assertEquals(202, response.statusCode(), response.body());
        OperatorDecision decision = (OperatorDecision) sink.values(Topics.WORKFLOWS).get(0).getPayload();
        assertEquals(new OperatorDecision("a-9", true, new ResourceUsage(8.0, 32768.0, 0.0, 0.0, 0L), "alice",
                "input is 40 GB"), decision);
    }

    @Test
    void shouldRefuseAnAnswerToAnInterventionAlreadyDecidedOrNeverAsked() throws Exception {
        QueryServer server = serve(new FakeShadows().put(waiting("wf-1", "TIMED_OUT")).put(shadow("wf-2")), sink);
        String deny = "{\"approved\": false, \"operator\": \"alice\"}";

        HttpResponse<String> decided = call(server, "POST", "/shadow/wf-1/intervention/a-9", deny);
        HttpResponse<String> neverAsked = call(server, "POST", "/shadow/wf-2/intervention/a-1", deny);

        assertEquals(409, decided.statusCode());
        assertTrue(mapper.readTree(decided.body()).get("error").asText().contains("TIMED_OUT"), decided.body());
        assertEquals(404, neverAsked.statusCode());
        assertTrue(sink.values(Topics.WORKFLOWS).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"approved\": \"yes\", \"operator\": \"alice\"}", "{\"approved\": true}",
            "{\"approved\": true, \"operator\": \"a l i c e\"}",
            "{\"approved\": true, \"operator\": \"alice\", \"resources\": {\"gpus\": 1}}",
            "{\"approved\": true, \"operator\": \"alice\", \"reason\": 7}"})
    void shouldAnswer400ForAMalformedOperatorAnswer(String body) throws Exception {
        QueryServer server = serve(new FakeShadows().put(waiting("wf-1", null)), sink);

        HttpResponse<String> response = call(server, "POST", "/shadow/wf-1/intervention/a-9", body);

        assertEquals(400, response.statusCode(), body);
        assertTrue(mapper.readTree(response.body()).has("error"));
    }

    /** A shadow whose action a-9 asked for an operator; {@code outcome} null while it waits. */
    private static ShadowWorkflow waiting(String workflowId, String outcome) {
        ShadowWorkflow shadow = shadow(workflowId);
        shadow.getActions().add(ShadowAction.newBuilder().setActionId("a-9").setActionType("assemble")
                .setIntervention(ManualIntervention.newBuilder().setRequestedAt(NOW).setDeadline(NOW.plusSeconds(900))
                        .setReason("new type asks 75% of the pool").setOutcome(outcome).build())
                .build());
        return shadow;
    }

    @Test
    void shouldPublishAnAcknowledgementKeyedByTheSubjectTheIncidentIdCarries() throws Exception {
        QueryServer server = serve(new FakeShadows(), sink);

        HttpResponse<String> response = call(server, "POST", "/incidents/ack",
                "{\"incidentId\": \"anomaly/1767600000000/prod/checkout\", \"by\": \"alice\"}");

        assertEquals(202, response.statusCode(), response.body());
        List<IncidentAcknowledged> acks = sink.values(Topics.INCIDENT_ACKS);
        assertEquals(1, acks.size());
        assertEquals("prod/checkout", acks.get(0).getSubject());
        assertEquals("alice", acks.get(0).getAcknowledgedBy());
        assertEquals(NOW, acks.get(0).getTimestamp());
        assertEquals("prod/checkout", sink.eventsOn(Topics.INCIDENT_ACKS).get(0).key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"incidentId\": \"checkout\", \"by\": \"alice\"}", "{\"incidentId\": \"a/1/b\"}",
        "[1]", "{not json"})
    void shouldRefuseAnAcknowledgementWithoutAWellFormedIdAndWho(String body) throws Exception {
        HttpResponse<String> response = call(serve(new FakeShadows(), sink), "POST", "/incidents/ack", body);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(mapper.readTree(response.body()).has("error"));
        assertTrue(sink.events().isEmpty());
    }

    private QueryServer serve(FakeShadows shadows, RecordingEventSink events) {
        QueryServer server = new QueryServer(shadows, shadows, events, CLOCK).start("127.0.0.1", 0, BearerToken.none());
        servers.add(server);
        return server;
    }

    private HttpResponse<String> call(QueryServer server, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static ShadowWorkflow shadow(String workflowId) {
        ShadowWorkflow shadow = Shadows.create(workflowId, "etl", NOW);
        ResourceUsage expected = new ResourceUsage(2.0, 1000.0, 10.0, 0.1, 60_000L);
        ResourceUsage allocated = new ResourceUsage(2.4, 1200.0, 12.0, 0.12, 72_000L);
        shadow.getActions().add(ShadowAction.newBuilder().setActionId("a-1").setActionType("extract")
                .setStartedAt(NOW)
                .setPrediction(new ActionPrediction(PredictionSource.MODEL, "next-action-model", "v1", NOW, 0.8,
                        expected, allocated, "default"))
                .build());
        return shadow;
    }
}
