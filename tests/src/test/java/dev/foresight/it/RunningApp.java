package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.ForesightCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code foresight run --no-simulators} on its own embedded broker, ready: its REST API answers and Kafka Streams
 * is RUNNING. Requests retry until a condition holds or a generous deadline passes.
 */
final class RunningApp {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern STARTED = Pattern.compile("on (\\S+) \\(embedded\\).*REST API on (http://[^;\\s]+);");
    private static final long RETRY_PAUSE_MS = 200;

    private final HttpClient http = HttpClient.newHttpClient();
    private final BackgroundCommand command;
    private final String bootstrapServers;
    private final String api;

    private RunningApp(BackgroundCommand command, String bootstrapServers, String api) {
        this.command = command;
        this.bootstrapServers = bootstrapServers;
        this.api = api;
    }

    /** Starts the app with its broker data and state under {@code dir}, and waits until it is ready. */
    static RunningApp start(Path dir, String applicationId) throws Exception {
        BackgroundCommand command = BackgroundCommand.start("run", "--no-simulators", "--broker-port", "0",
                "--http-port", "0", "--data-dir", dir.resolve("kafka").toString(), "--state-dir",
                dir.resolve("state").toString(), "--application-id", applicationId);
        Matcher started = command.awaitLine(STARTED, TIMEOUT);
        RunningApp app = new RunningApp(command, started.group(1), started.group(2));
        app.await("GET", "/health/ready", "", r -> r.statusCode() == 200);
        return app;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the app as Ctrl-C does and checks that it ended cleanly. */
    void stop() throws Exception {
        assertEquals(ForesightCli.OK, command.stop(TIMEOUT), command.output());
    }

    void create(String workflowId, String workflowType) throws Exception {
        assertEquals(202, call("POST", "/shadow/create/" + workflowId, "{\"workflowType\": \"" + workflowType + "\"}")
                .statusCode());
    }

    /** Submits an action of a workflow, retrying while the app has not seen the workflow. */
    void submit(String workflowId, String actionId, String actionType) throws Exception {
        HttpResponse<String> submitted = await("POST", "/shadow/" + workflowId + "/submit/" + actionId,
                "{\"actionType\": \"" + actionType + "\"}", r -> r.statusCode() != 404 && r.statusCode() != 503);
        assertEquals(202, submitted.statusCode(), submitted.body());
    }

    HttpResponse<String> await(String method, String path, String body, Predicate<HttpResponse<String>> done)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        HttpResponse<String> response = call(method, path, body);
        while (!done.test(response) && System.nanoTime() < deadline) {
            Thread.sleep(RETRY_PAUSE_MS);
            response = call(method, path, body);
        }
        assertTrue(done.test(response), method + " " + path + " still " + response.statusCode() + ": "
                + response.body());
        return response;
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
