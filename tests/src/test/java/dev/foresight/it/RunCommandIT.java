package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.ForesightCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code foresight run} end to end: embedded broker, simulators, streams app, progress lines, clean stop. */
class RunCommandIT {

    private static final Pattern TOTALS = Pattern.compile(
            "RUNNING +in +[\\d,.]+/s \\(([\\d,]+)\\) \\| aggregates +[\\d,.]+/s \\(([\\d,]+)\\)");

    @TempDir
    Path dir;

    @Test
    void shouldProcessSimulatedEventsAndStopCleanlyAfterDuration() {
        StringWriter out = new StringWriter();
        CommandLine cli = ForesightCli.commandLine().setOut(new PrintWriter(out, true));

        int exitCode = cli.execute("run", "--broker-port", "0", "--http-port", "0", "--data-dir", dir.resolve("kafka").toString(),
                "--state-dir", dir.resolve("state").toString(), "--application-id", "run-it",
                "--backlog", "1h", "--speedup", "600", "--duration", "30s", "--progress-interval", "2s");

        assertEquals(ForesightCli.OK, exitCode, out.toString());
        List<long[]> totals = out.toString().lines().map(TOTALS::matcher).filter(Matcher::find)
                .map(m -> new long[] {number(m.group(1)), number(m.group(2))}).toList();
        assertTrue(!totals.isEmpty(), "no RUNNING progress line in:\n" + out);
        long[] last = totals.get(totals.size() - 1);
        assertTrue(last[0] > 0, "no events in:\n" + out);
        assertTrue(last[1] > 0, "no aggregates in:\n" + out);
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
