package dev.foresight.it;

import dev.foresight.app.ForesightCli;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code foresight run} in a child JVM of its own, on the test's classpath, so that it can be killed the
 * way a crash kills it (SIGKILL: no shutdown hook, no close, no leaving the group).
 */
@SuppressWarnings("try") // close() waits for the child to end; an interrupt there must reach the test
final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final long RETRY_PAUSE_MS = 200;

    private final Process process;
    private final Path log;
    private final int port;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @param home  its state directory and output log go here
     * @param extra further {@code run} arguments
     */
    static AppProcess start(String bootstrapServers, String applicationId, Path home, List<String> extra)
            throws IOException {
        Files.createDirectories(home);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), ForesightCli.class.getName(), "run",
                "--bootstrap-servers", bootstrapServers, "--no-simulators", "--application-id", applicationId,
                "--state-dir", home.resolve("state").toString(), "--http-port", Integer.toString(port),
                "--progress-interval", "1h"));
        command.addAll(extra);
        Path log = home.resolve("output.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new AppProcess(process, log, port);
    }

    /** Waits until it runs and answers: a shadow that does not exist is a 404, not a 503. */
    void awaitServing(Duration timeout) throws Exception {
        awaitStatus("/shadow/no-such-workflow", 404, timeout);
    }

    /**
     * Waits until {@code GET path} answers {@code status}, itself or by forwarding to the key's owner.
     *
     * @throws AssertionError if the process ends or {@code timeout} passes first
     */
    void awaitStatus(String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (last != status) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("GET " + path + " did not answer " + status + " within " + timeout
                        + " (last " + last + ", process " + (process.isAlive() ? "running" : "ended") + "); output:\n"
                        + outputTail());
            }
            last = status(path);
            if (last != status) {
                Thread.sleep(RETRY_PAUSE_MS);
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or the kernel's OOM killer ends it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String outputTail() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private int status(String path) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(REQUEST_TIMEOUT).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
