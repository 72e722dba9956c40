package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.app.ForesightCli;
import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.domain.workflow.Interventions;
import dev.foresight.domain.workflow.WorkflowCommands;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.producers.TimedEvent;
import dev.foresight.producers.replay.ReplayOptions;
import dev.foresight.producers.replay.Replayers;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.InterventionRequest;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.ShadowStatus;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflow shadowing end to end: {@code foresight run} on its embedded broker, a Nextflow trace replayed
 * into {@code workflow.events.v1}, commands and alerts on the output topics, the REST API over HTTP, and
 * a restart on the same data and state directories. The trace's last two actions are held back: the
 * completion of one comes through the API, the other starts after the restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowShadowingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APP = "workflow-it";
    /** The trace file's name without extension is the workflow id; its type is what follows "trace_". */
    private static final String WORKFLOW = "trace_shadowit";
    private static final String TYPE = "shadowit";
    private static final int TASKS = 48;
    /** Each task waits this long in the queue between its submit and its start. */
    private static final long SUBMITTED_BEFORE_MS = 20_000;
    /** Its completion is sent through the API; the trace's own completion of it is never replayed. */
    private static final String FED_BACK = Integer.toString(TASKS - 1);
    private static final String STARTED_AFTER_RESTART = Integer.toString(TASKS);
    private static final double CONFIDENCE_THRESHOLD = AllocationPolicy.defaults().confidenceThreshold();
    private static final Pattern STARTED = Pattern.compile(
            "on (\\S+) \\(embedded\\).*REST API on (http://[^;\\s]+);");
    /** Between two attempts of a request whose answer is not there yet, unless the app says when to retry. */
    private static final long RETRY_PAUSE_MS = 100;
    private static final Pattern MODEL_UPDATES = Pattern.compile("-u(\\d+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AvroSerdes SERDES = AvroSerdes.bundled();

    @TempDir
    static Path dir;

    private static List<TimedEvent<?>> replayedBeforeRestart;
    private static List<TimedEvent<?>> replayedAfterRestart;
    private static BackgroundCommand app;
    private static String bootstrapServers;
    private static String api;

    @BeforeAll
    static void startAppAndReplayTrace() throws Exception {
        // the trace, one task a minute, ends a few minutes ago: ingestion rejects events from the future
        List<TimedEvent<?>> trace = Replayers.forFormat("nextflow",
                        ReplayOptions.defaults().withRebaseTo(Instant.now().minus(Duration.ofMinutes(TASKS + 2))))
                .events(writeTrace());
        int fedBack = IntStream.range(0, trace.size()).filter(i -> completes(trace.get(i), FED_BACK)).findFirst()
                .orElseThrow();
        replayedBeforeRestart = trace.subList(0, fedBack);
        replayedAfterRestart = trace.subList(fedBack + 1, trace.size());
        startApp();
        send(replayedBeforeRestart);
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void shouldReserveOnStartReleaseOnCompletionAndAlertOnDeviations() {
        Set<String> started = targets(1, TASKS - 1);
        Set<String> completed = targets(1, TASKS - 2);
        try (TopicReader<AllocationCommand> allocations = reader(Topics.ALLOCATIONS.name());
             TopicReader<Alert> alerts = reader(Topics.ALERTS.name())) {
            allocations.readUntil(records -> targetsOf(records, AllocationAction.RESERVE).containsAll(started)
                    && targetsOf(records, AllocationAction.RELEASE).containsAll(completed), TIMEOUT);
            alerts.readUntil(records -> records.stream().map(ConsumerRecord::value).anyMatch(alert -> alert.getKind()
                    .equals(WorkflowCommands.DEVIATION) && alert.getSubject().equals(WORKFLOW)), TIMEOUT);
        }
    }

    @Test
    @Order(1)
    void shouldReserveAtSubmitAndPrewarmWhatTheRunWillSubmitNext() {
        Map<String, Instant> submitted = replayedBeforeRestart.stream().map(TimedEvent::value)
                .filter(value -> value instanceof WorkflowEvent workflow && workflow.getPayload() instanceof ActionSubmitted)
                .map(WorkflowEvent.class::cast).collect(Collectors.toMap(
                        event -> WORKFLOW + "/" + ((ActionSubmitted) event.getPayload()).getActionId(),
                        WorkflowEvent::getTimestamp));
        try (TopicReader<AllocationCommand> allocations = reader(Topics.ALLOCATIONS.name())) {
            List<AllocationCommand> commands = allocations.readUntil(records -> records.stream().map(ConsumerRecord::value)
                    .anyMatch(c -> c.getAction() == AllocationAction.PREWARM && c.getResources().getMemoryMb() > 0
                            && c.getTarget().equals(WORKFLOW + "/" + WorkflowCommands.PREWARM_ACTION)), TIMEOUT)
                    .stream().map(ConsumerRecord::value).toList();

            List<AllocationCommand> reserves = commands.stream()
                    .filter(c -> c.getAction() == AllocationAction.RESERVE).toList();
            assertFalse(reserves.isEmpty());
            reserves.forEach(reserve -> assertEquals(submitted.get(reserve.getTarget()), reserve.getIssuedAt(),
                    "sized when submitted, 20 s before it started: " + reserve.getTarget()));
            assertTrue(commands.stream().anyMatch(c -> c.getAction() == AllocationAction.RESERVE
                    && c.getDecision().getInputs().getOrDefault("pool.prewarmConvertedMemoryMb", 0.0) > 0),
                    "a foreseen submit takes the capacity pre-warmed for it");
        }
    }

    @Test
    @Order(2)
    void shouldServeTheShadowOfTheReplayedWorkflow() throws Exception {
        JsonNode shadow = json(awaitResponse("GET", "/shadow/" + WORKFLOW,
                response -> response.statusCode() == 200 && json(response).get("actions").size() == TASKS - 1));

        assertEquals("RUNNING", shadow.get("status").asText());
        assertEquals(TASKS, shadow.get("expectedActions").asInt());
    }

    @Test
    @Order(3)
    void shouldAnswerThePredictionOfAStartedActionWithTheModelsConfidence() throws Exception {
        HttpResponse<String> response = awaitResponse("GET", "/shadow/" + WORKFLOW + "/prediction/" + FED_BACK,
                r -> r.statusCode() == 200);

        JsonNode prediction = json(response);
        assertEquals("MODEL", prediction.get("source").asText(), response.body());
        assertTrue(prediction.get("confidence").asDouble() >= CONFIDENCE_THRESHOLD, response.body());
        assertTrue(prediction.get("allocated").get("memoryMb").asDouble()
                >= prediction.get("expected").get("memoryMb").asDouble(), response.body());
    }

    @Test
    @Order(4)
    void shouldAcceptFeedbackOnceAndThenAnswerConflict() throws Exception {
        String feedback = "/shadow/" + WORKFLOW + "/feedback/" + FED_BACK + "/2010";
        // only 503 and 404 (not yet processed) are retried: nothing was published for them
        HttpResponse<String> accepted = awaitResponse("PUT", feedback,
                r -> r.statusCode() != 503 && r.statusCode() != 404);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(2010, json(accepted).get("actual").get("memoryMb").asDouble());

        awaitResponse("GET", "/shadow/" + WORKFLOW, r -> r.statusCode() == 200
                && action(json(r), FED_BACK).has("actual"));
        HttpResponse<String> again = call("PUT", feedback);
        assertEquals(409, again.statusCode(), again.body());
    }

    @Test
    @Order(5)
    void shouldServeACreatedShadowOnceItIsProcessed() throws Exception {
        HttpResponse<String> created = call("POST", "/shadow/create/it-created", "{\"workflowType\": \"manual\"}");
        assertEquals(202, created.statusCode(), created.body());

        JsonNode shadow = json(awaitResponse("GET", "/shadow/it-created", r -> r.statusCode() == 200));
        assertEquals("manual", shadow.get("workflowType").asText());
        assertEquals(0, shadow.get("actions").size());
    }

    @Test
    @Order(6)
    void shouldAnswer400WithTheReasonForABadIdOrNumber() throws Exception {
        HttpResponse<String> badId = call("GET", "/shadow/no$such$id");
        HttpResponse<String> badNumber = call("PUT", "/shadow/" + WORKFLOW + "/feedback/" + FED_BACK + "/lots");

        assertEquals(400, badId.statusCode(), badId.body());
        assertTrue(json(badId).get("error").asText().startsWith("workflowID must be"), badId.body());
        assertEquals(400, badNumber.statusCode(), badNumber.body());
        assertEquals("actualResourceUsage must be a number, got 'lots'", json(badNumber).get("error").asText());
    }

    @Test
    @Order(7)
    void shouldAnswer404ForAnUnknownWorkflow() throws Exception {
        HttpResponse<String> response = awaitResponse("GET", "/shadow/never-ran", r -> r.statusCode() != 503);

        assertEquals(404, response.statusCode(), response.body());
        assertEquals("no shadow for workflow never-ran", json(response).get("error").asText());
    }

    /**
     * The restarted app serves the shadow it had, and predicts the next action with the model it had
     * learned: a model starting over would have no calibration, so zero confidence and a fallback.
     */
    @Test
    @Order(8)
    void shouldKeepShadowsAndTheLearnedModelAcrossARestart() throws Exception {
        JsonNode before = json(awaitResponse("GET", "/shadow/" + WORKFLOW + "/prediction/" + FED_BACK,
                r -> r.statusCode() == 200));
        assertEquals(ForesightCli.OK, app.stop(TIMEOUT), app.output());

        startApp();
        JsonNode shadow = json(awaitResponse("GET", "/shadow/" + WORKFLOW, r -> r.statusCode() == 200));
        assertEquals(TASKS - 1, shadow.get("actions").size());
        assertEquals(2010, action(shadow, FED_BACK).get("actual").get("memoryMb").asDouble());
        send(replayedAfterRestart);
        JsonNode after = json(awaitResponse("GET", "/shadow/" + WORKFLOW + "/prediction/" + STARTED_AFTER_RESTART,
                r -> r.statusCode() == 200));

        assertEquals("MODEL", after.get("source").asText(), after.toString());
        assertTrue(after.get("confidence").asDouble() >= CONFIDENCE_THRESHOLD, after.toString());
        assertTrue(updates(after) >= updates(before), before + " then " + after);
        try (TopicReader<ShadowWorkflow> summaries = reader(Topics.WORKFLOW_SHADOWS.name())) {
            ShadowWorkflow finished = summaries.readUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(WORKFLOW)), TIMEOUT).stream()
                    .filter(r -> r.key().equals(WORKFLOW)).findFirst().orElseThrow().value();
            assertEquals(ShadowStatus.SUCCEEDED, finished.getStatus());
            assertEquals(TASKS, finished.getActions().size());
        }
    }

    @Test
    @Order(9)
    void shouldKeepTheFinishedRunInTheRepositoryAndAnswerItsQueries() throws Exception {
        String runs = "/workflows/" + TYPE + "/runs";
        JsonNode listed = json(awaitResponse("GET", runs, r -> r.statusCode() == 200
                && json(r).get("items").size() == 1));
        assertEquals(WORKFLOW, listed.get("items").get(0).get("workflowId").asText(), listed.toString());

        JsonNode run = json(awaitResponse("GET", runs + "/" + WORKFLOW, r -> r.statusCode() != 503));
        assertEquals(TASKS, run.get("comparison").get("sized").asInt(), run.get("comparison").toString());
        JsonNode page = json(call("GET", "/workflows/" + TYPE + "/actions/ALIGN/usage?limit=5"));
        assertEquals(5, page.get("items").size(), page.toString());
        JsonNode next = json(call("GET", "/workflows/" + TYPE + "/actions/ALIGN/usage?limit=100&cursor="
                + page.get("nextCursor").asText()));
        assertEquals(TASKS / 2 - 5, next.get("items").size(), "every ALIGN task once over the two pages");
        assertEquals(400, call("GET", runs + "?limit=100000").statusCode());
    }

    /** A new action type asking for 48 of the pool's 64 cores waits for an operator, whose answer comes by REST. */
    @Test
    @Order(10)
    void shouldAskAnOperatorAndReserveWhatTheyApprove() throws Exception {
        String target = WorkflowCommands.target("it-created", "huge");
        HttpResponse<String> submitted = awaitResponse("POST", "/shadow/it-created/submit/huge",
                "{\"actionType\": \"assemble\", \"requested\": {\"cpuCores\": 48, \"memoryMb\": 4096}}",
                r -> r.statusCode() != 503);
        assertEquals(202, submitted.statusCode(), submitted.body());
        try (TopicReader<InterventionRequest> requests = reader(Topics.WORKFLOW_INTERVENTIONS.name())) {
            InterventionRequest request = requests.readUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(target)), TIMEOUT).stream().filter(r -> r.key().equals(target))
                    .findFirst().orElseThrow().value();
            assertEquals(48, request.getProposed().getCpuCores());
        }
        String answer = "{\"approved\": true, \"operator\": \"it\", \"resources\": {\"cpuCores\": 4, \"memoryMb\": 2048}}";
        HttpResponse<String> accepted = awaitResponse("POST", "/shadow/it-created/intervention/huge", answer,
                r -> r.statusCode() != 503 && r.statusCode() != 404);
        assertEquals(202, accepted.statusCode(), accepted.body());
        try (TopicReader<AllocationCommand> allocations = reader(Topics.ALLOCATIONS.name())) {
            AllocationCommand reserve = allocations.readUntil(records -> records.stream().anyMatch(r -> r.key()
                    .equals(target)), TIMEOUT).stream().map(ConsumerRecord::value)
                    .filter(c -> c.getTarget().equals(target)).findFirst().orElseThrow();
            assertEquals(AllocationAction.RESERVE, reserve.getAction());
            assertEquals(Interventions.OPERATOR, reserve.getDecision().getMadeBy());
            assertEquals(4, reserve.getResources().getCpuCores());
        }
        awaitResponse("GET", "/shadow/it-created", r -> r.statusCode() == 200
                && "APPROVED".equals(action(json(r), "huge").path("intervention").path("outcome").asText()));
        assertEquals(409, call("POST", "/shadow/it-created/intervention/huge", answer).statusCode());
    }

    /** Starts {@code run} on the same data, state and application id every time, and waits until it serves. */
    private static void startApp() throws InterruptedException {
        app = BackgroundCommand.start("run", "--no-simulators", "--broker-port", "0", "--http-port", "0",
                "--data-dir", dir.resolve("kafka").toString(), "--state-dir", dir.resolve("state").toString(),
                "--application-id", APP);
        Matcher started = app.awaitLine(STARTED, TIMEOUT);
        bootstrapServers = started.group(1);
        api = started.group(2);
    }

    /**
     * A Nextflow trace of one run: ALIGN and SORT tasks alternate, one a minute, each submitted 20 s before
     * it starts, each using close to the same memory every time (so the model becomes confident) but far less than requested and with
     * network traffic nobody requested (so the first, fallback, allocations deviate).
     */
    private static Path writeTrace() throws IOException {
        StringBuilder csv = new StringBuilder(
                "task_id,process,name,status,exit,cpus,memory,time,submit,start,complete,realtime,%cpu,peak_rss,"
                        + "rchar,wchar\n");
        long recordedStart = 1_674_490_000_000L;
        for (int task = 1; task <= TASKS; task++) {
            boolean align = task % 2 == 1;
            long start = recordedStart + (task - 1) * 60_000L;
            long realtime = align ? 20_000 : 8_000;
            double memoryMb = (align ? 2000 : 500) * (1 + (task * 37 % 9 - 4) / 200.0);
            csv.append(String.format(Locale.ROOT, "%d,%s,%s (%d),COMPLETED,0,2,%d,3600000,%d,%d,%d,%d,%s,%d,%d,%d%n",
                    task, align ? "ALIGN" : "SORT", align ? "ALIGN" : "SORT", task, 4L << 30,
                    start - SUBMITTED_BEFORE_MS, start,
                    start + realtime, realtime, align ? "150.0" : "80.0", (long) (memoryMb * (1 << 20)),
                    (align ? 200L : 80L) << 20, (align ? 100L : 40L) << 20));
        }
        return Files.writeString(dir.resolve(WORKFLOW + ".csv"), csv);
    }

    private static void send(List<TimedEvent<?>> events) {
        try (KafkaEventSink sink = KafkaEventSink.connect(Map.of("bootstrap.servers", bootstrapServers), SERDES)) {
            events.forEach(event -> event.sendTo(sink));
            sink.flush();
        }
    }

    private static boolean completes(TimedEvent<?> event, String actionId) {
        return event.value() instanceof WorkflowEvent workflow
                && workflow.getPayload() instanceof ActionCompleted completed
                && completed.getActionId().equals(actionId);
    }

    private static HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        return call(method, path, "");
    }

    private static HttpResponse<String> call(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Repeats a request until its response satisfies {@code done}: the app answers 503 while it starts or
     * restores, and 404 until it has processed the events a shadow is made of.
     *
     * @throws AssertionError if {@link #TIMEOUT} passes first
     */
    private static HttpResponse<String> awaitResponse(String method, String path, Predicate<HttpResponse<String>> done)
            throws IOException, InterruptedException {
        return awaitResponse(method, path, "", done);
    }

    private static HttpResponse<String> awaitResponse(String method, String path, String body,
                                                      Predicate<HttpResponse<String>> done)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        HttpResponse<String> response = call(method, path, body);
        while (!done.test(response)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(method + " " + path + " still answers " + response.statusCode() + " "
                        + response.body() + " after " + TIMEOUT);
            }
            Thread.sleep(response.headers().firstValue("Retry-After").map(seconds -> Long.parseLong(seconds) * 1000)
                    .orElse(RETRY_PAUSE_MS));
            response = call(method, path, body);
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static JsonNode action(JsonNode shadow, String actionId) {
        for (JsonNode action : shadow.get("actions")) {
            if (action.get("actionId").asText().equals(actionId)) {
                return action;
            }
        }
        throw new AssertionError("no action " + actionId + " in " + shadow);
    }

    /** Training steps behind a model prediction, from its version {@code lstm<units>-u<updates>}. */
    private static long updates(JsonNode prediction) {
        Matcher matcher = MODEL_UPDATES.matcher(prediction.get("version").asText());
        assertTrue(matcher.find(), prediction.toString());
        return Long.parseLong(matcher.group(1));
    }

    private static Set<String> targets(int firstTask, int lastTask) {
        return IntStream.rangeClosed(firstTask, lastTask)
                .mapToObj(task -> WorkflowCommands.target(WORKFLOW, Integer.toString(task)))
                .collect(Collectors.toSet());
    }

    private static Set<String> targetsOf(List<ConsumerRecord<String, AllocationCommand>> records,
                                         AllocationAction action) {
        return records.stream().map(ConsumerRecord::value).filter(command -> command.getAction() == action)
                .map(AllocationCommand::getTarget).collect(Collectors.toSet());
    }

    private static <V extends SpecificRecord> TopicReader<V> reader(String topic) {
        return new TopicReader<>(bootstrapServers, topic, SERDES.<V>valueSerde().deserializer());
    }
}
