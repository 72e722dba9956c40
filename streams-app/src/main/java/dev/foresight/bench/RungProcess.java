package dev.foresight.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link RungCommand} in a child JVM: started, told to stop, and its CPU and peak RSS read back. */
@SuppressWarnings("try") // closing waits for the process to exit, and a benchmark may be interrupted meanwhile
final class RungProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private RungProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** CPU time while processing and the most memory the process held. */
    record Usage(long cpuNanos, long peakRssKb) {
    }

    /**
     * Starts a rung JVM; {@link #awaitRunning()} waits until it processes.
     *
     * @param jvmOptions e.g. {@code -Xmx1g}; {@code log} receives its stderr
     */
    static RungProcess start(List<String> jvmOptions, List<String> rungArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.foresight.app.ForesightCli");
        command.add("bench");
        command.add("rung");
        command.addAll(rungArgs);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new RungProcess(process);
    }

    void awaitRunning() throws IOException {
        expect("running");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Usage stop() throws IOException {
        in.write("stop\n");
        in.flush();
        String[] result = expect("result").split(" ");
        return new Usage(Long.parseLong(result[1]), Long.parseLong(result[2]));
    }

    /** The first protocol line that starts with {@code word}, without the prefix; other output is skipped. */
    private String expect(String word) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(RungCommand.PREFIX + word)) {
                return line.substring(RungCommand.PREFIX.length());
            }
        }
        throw new IOException("rung process ended before '" + word + "' (exit " + exitCode() + "); see its log");
    }

    private String exitCode() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            in.close();
        } catch (IOException e) {
            // the process is already gone
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
