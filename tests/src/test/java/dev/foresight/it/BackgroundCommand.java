package dev.foresight.it;

import dev.foresight.app.ForesightCli;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A foresight command running in-process on a thread of its own, as {@code java -jar foresight.jar}
 * would run it. Tests wait for its output lines and stop it the way Ctrl-C does.
 */
@SuppressWarnings("try") // close() waits for the command to stop; an interrupt there must reach the test
final class BackgroundCommand implements AutoCloseable {

    /** Queued after the last line once the command has returned. */
    private static final String ENDED = "\u0000ended";

    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final Thread thread;

    private BackgroundCommand(String... args) {
        PrintWriter lines = new PrintWriter(new LineWriter(), true);
        thread = new Thread(() -> {
            try {
                exitCode.complete(ForesightCli.commandLine().setOut(lines).setErr(lines).execute(args));
            } catch (RuntimeException | Error e) {
                exitCode.completeExceptionally(e);
            } finally {
                unread.add(ENDED);
            }
        }, "foresight-" + args[0]);
    }

    static BackgroundCommand start(String... args) {
        BackgroundCommand command = new BackgroundCommand(args);
        command.thread.start();
        return command;
    }

    /**
     * Waits for the next output line in which {@code pattern} is found.
     *
     * @throws AssertionError if the command ends or {@code timeout} passes first
     */
    Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(ENDED)) {
                throw new AssertionError("no line matching '" + pattern + "' "
                        + (line == null ? "within " + timeout : "before the command ended") + "; output:\n" + output());
            }
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
    }

    /** Stops the command as Ctrl-C does, waits until it has closed everything, and returns its exit code. */
    int stop(Duration timeout) throws Exception {
        thread.interrupt();
        return exitCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws Exception {
        if (!exitCode.isDone()) {
            stop(Duration.ofSeconds(60));
        }
    }

    /** Splits what the command prints into lines, for {@link #awaitLine} and failure messages. */
    private final class LineWriter extends Writer {

        private final StringBuilder pending = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    String line = pending.toString();
                    pending.setLength(0);
                    synchronized (output) {
                        output.add(line);
                    }
                    unread.add(line);
                } else if (chars[i] != '\r') {
                    pending.append(chars[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
