package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.ForesightCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code foresight run} end to end: embedded broker, simulators, streams app, progress lines, clean stop.
 * Waits on what the app prints, never on how fast a loaded machine gets there.
 */
class RunCommandIT {

    private static final Pattern TOTALS = Pattern.compile(
            "RUNNING +in +[\\d,.]+/s \\(([\\d,]+)\\) \\| aggregates +[\\d,.]+/s \\(([\\d,]+)\\)");
    /** Generous: on a loaded 2-core machine the first rebalance alone has taken half a minute. */
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // see BackgroundCommand
    void shouldTurnSimulatedEventsIntoAggregatesAndStopCleanlyOnCtrlC() throws Exception {
        try (BackgroundCommand run = BackgroundCommand.start(args("run-it", "--backlog", "1h", "--speedup", "600",
                "--progress-interval", "2s"))) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Matcher totals;
            do {
                totals = run.awaitLine(TOTALS, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } while (number(totals.group(2)) == 0);
            assertTrue(number(totals.group(1)) > 0, "aggregates without events read:\n" + run.output());
            assertEquals(ForesightCli.OK, run.stop(Duration.ofSeconds(90)), run.output());
        }
    }

    @Test
    void shouldStopOnItsOwnOnceTheDurationHasPassed() {
        StringWriter out = new StringWriter();
        CommandLine cli = ForesightCli.commandLine().setOut(new PrintWriter(out, true));

        int exitCode = cli.execute(args("run-duration-it", "--no-simulators", "--duration", "3s"));

        assertEquals(ForesightCli.OK, exitCode, out.toString());
        assertTrue(out.toString().contains("foresight 'run-duration-it' on"), out.toString());
    }

    private String[] args(String applicationId, String... more) {
        String[] common = {"run", "--broker-port", "0", "--http-port", "0", "--data-dir", dir.resolve("kafka").toString(),
            "--state-dir", dir.resolve("state").toString(), "--application-id", applicationId};
        String[] all = Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
