package dev.foresight.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.domain.workflow.Shadows;
import dev.foresight.producers.RecordingEventSink;
import dev.foresight.query.dashboard.DashboardView;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.TargetKind;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.state.ShadowStatus;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardEndpointsTest {

    private static final Instant NOW = Instant.parse("2026-01-05T08:00:00Z");
    private static final String TOKEN = "t0ken";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    /** Records reach the view through the bundled serde, as the feed's do. */
    private static final Serde<SpecificRecord> SERDE = AvroSerdes.bundled().valueSerde();

    private final DashboardView view = new DashboardView();
    private QueryServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldServeThePageAndItsChartLibraryWithoutTheToken() throws Exception {
        serve(List.of());

        HttpResponse<String> page = get("/dashboard/", null);
        HttpResponse<String> chart = get("/dashboard/vendor/chart.umd.min.js", null);

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<canvas id=\"workflow-chart\">"), page.body());
        assertEquals(200, chart.statusCode());
        assertTrue(chart.body().contains("Chart"), "the npm bundle is in the jar");
    }

    @Test
    void shouldRefuseTheDataWithoutTheToken() throws Exception {
        serve(List.of());

        for (String path : List.of("/api/dashboard/state", "/api/dashboard/workflows", "/api/dashboard/commands/c-1")) {
            assertEquals(401, get(path, null).statusCode(), path);
        }
    }

    @Test
    void shouldAnswerTheLatestCommandsAndOneCommandWithItsDecision() throws Exception {
        serve(List.of());
        String topic = Topics.ALLOCATIONS.name();
        view.accept(topic, "wf-1/a-1", (GenericRecord) SERDE.deserializer().deserialize(topic,
                SERDE.serializer().serialize(topic, reserve("c-1", "sized by the model"))));

        JsonNode state = mapper.readTree(get("/api/dashboard/state", TOKEN).body());
        HttpResponse<String> command = get("/api/dashboard/commands/c-1", TOKEN);
        HttpResponse<String> unknown = get("/api/dashboard/commands/c-2", TOKEN);

        assertEquals("c-1", state.path("commands").path(0).path("id").asText());
        assertEquals("sized by the model", state.path("commands").path(0).path("reason").asText());
        assertEquals(200, command.statusCode());
        assertEquals(3.5, mapper.readTree(command.body()).path("record").path("decision").path("inputs")
                .path("history").asDouble());
        assertEquals(404, unknown.statusCode());
        assertEquals("no recent command c-2", mapper.readTree(unknown.body()).path("error").asText());
    }

    @Test
    void shouldListRunningWorkflowsFirstThenTheMostRecentlyUpdated() throws Exception {
        ShadowWorkflow done = Shadows.create("wf-done", "etl", NOW.plusSeconds(60));
        done.setStatus(ShadowStatus.SUCCEEDED);
        serve(List.of(Shadows.create("wf-old", "etl", NOW), done, Shadows.create("wf-new", "etl", NOW.plusSeconds(30))));

        JsonNode workflows = mapper.readTree(get("/api/dashboard/workflows", TOKEN).body()).path("workflows");

        assertEquals(List.of("wf-new", "wf-old", "wf-done"), workflows.findValuesAsText("workflowId"));
    }

    private void serve(List<ShadowWorkflow> shadows) {
        FakeShadows fake = new FakeShadows();
        ShadowCatalogue catalogue = new ShadowCatalogue() {
            @Override
            public List<ShadowWorkflow> recent(int limit) {
                return shadows.stream().sorted(DashboardWorkflows.ORDER).limit(limit).toList();
            }

            @Override
            public List<HostInfo> peers() {
                return List.of();
            }
        };
        server = new QueryServer(fake, fake, new RecordingEventSink(), Clock.fixed(NOW, ZoneOffset.UTC))
                .withDashboard(view, catalogue).start("127.0.0.1", 0, BearerToken.of(TOKEN));
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static AllocationCommand reserve(String id, String explanation) {
        return AllocationCommand.newBuilder().setCommandId(id).setIssuedAt(NOW).setAction(AllocationAction.RESERVE)
                .setTargetKind(TargetKind.WORKFLOW_ACTION).setTarget("wf-1/a-1")
                .setDecision(Decision.newBuilder().setMadeBy("rule").setVersion("v1").setInputs(Map.of("history", 3.5)).setExplanation(explanation).build())
                .build();
    }
}
