package dev.foresight.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.producers.RecordingEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API as an attacker meets it: a token, JSON errors for whatever the HTTP layer rejects, strict numbers. */
class LockedDownApiTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T08:00:00Z"), ZoneOffset.UTC);
    private static final String TOKEN = "s3cr3t-token";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final RecordingEventSink sink = new RecordingEventSink();
    private QueryServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldRefuseARequestWithoutItsTokenWith401Json() throws Exception {
        serve(BearerToken.of(TOKEN));

        HttpResponse<String> missing = call("POST", "/shadow/create/wf-1", Optional.empty());
        HttpResponse<String> wrong = call("POST", "/shadow/create/wf-1", Optional.of("guess"));

        assertEquals(401, missing.statusCode());
        assertEquals("missing bearer token", error(missing));
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid bearer token", error(wrong));
        assertTrue(missing.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        assertTrue(sink.values(dev.foresight.topics.Topics.WORKFLOWS).isEmpty(), "nothing was published");
        assertTrue(!missing.body().contains(TOKEN) && !wrong.body().contains(TOKEN));
    }

    @Test
    void shouldServeARequestThatCarriesItsToken() throws Exception {
        serve(BearerToken.of(TOKEN));
        assertEquals(202, call("POST", "/shadow/create/wf-1", Optional.of(TOKEN)).statusCode());
    }

    @Test
    void shouldRefuseUnknownPathsAfterTheTokenCheck() throws Exception {
        serve(BearerToken.of(TOKEN));
        assertEquals(401, call("GET", "/admin", Optional.empty()).statusCode());
    }

    @Test
    void shouldAnswer404AsJson() throws Exception {
        serve(BearerToken.none());
        HttpResponse<String> response = call("GET", "/nothing/here", Optional.empty());
        assertEquals(404, response.statusCode());
        assertTrue(error(response).contains("Not found") || error(response).contains("not found"), response.body());
    }

    @Test
    void shouldAnswer405AsJsonForAWrongMethod() throws Exception {
        serve(BearerToken.none());
        HttpResponse<String> response = call("DELETE", "/shadow/wf-1", Optional.empty());
        assertEquals(405, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        error(response);
    }

    @Test
    void shouldAnswer413AsJsonForAnOversizedBody() throws Exception {
        serve(BearerToken.none());
        HttpRequest request = HttpRequest.newBuilder(uri("/shadow/create/wf-1"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"workflowType\": \"" + "x".repeat(100_000) + "\"}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        error(response);
    }

    @Test
    void shouldAnswer414AsJsonForAnOversizedUri() throws Exception {
        serve(BearerToken.none());
        String answer = raw("GET /shadow/" + "w".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 414"), answer);
        assertTrue(answer.contains("application/json") && answer.contains("{\"error\":"), answer);
    }

    @Test
    void shouldAnswer431AsJsonForOversizedHeaders() throws Exception {
        serve(BearerToken.none());
        String answer = raw("GET /shadow/wf-1 HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "h".repeat(20_000)
                + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertTrue(answer.contains("application/json") && answer.contains("{\"error\":"), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "100d", "1e5000", "NaN", "Infinity", "1_000", " 12"})
    void shouldRefuseANumberThatIsNotPlainDecimal(String usage) {
        ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> Requests.number(usage, "actualResourceUsage"));
        assertEquals(400, refused.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1500", "1500.5", "-3", "2.5e3"})
    void shouldAcceptAPlainDecimalNumber(String usage) {
        assertEquals(Double.parseDouble(usage), Requests.number(usage, "actualResourceUsage"));
    }

    private void serve(BearerToken token) {
        server = new QueryServer(new FakeShadows(), new FakeShadows(), sink, CLOCK).start("127.0.0.1", 0, token);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> call(String method, String path, Optional<String> token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the JDK client refuses to send (a 20 KB request line), written on a plain socket. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String error(HttpResponse<String> response) throws IOException {
        JsonNode json = mapper.readTree(response.body());
        assertTrue(json.hasNonNull("error"), response.body());
        return json.get("error").asText();
    }
}
