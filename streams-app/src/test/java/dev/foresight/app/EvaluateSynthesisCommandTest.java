package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvaluateSynthesisCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int evaluate(String... args) {
        CommandLine cli = ForesightCli.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(out));
        String[] all = new String[args.length + 2];
        all[0] = "evaluate";
        all[1] = "synthesis";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void shouldReportEverySeedFromTheFirstOneAndATunerTableForEachStageTypeTheWorldNeeds() {
        assertEquals(ForesightCli.OK, evaluate("--first-seed", "41", "--seeds", "2", "--days", "8"), err.toString());
        String report = out.toString();
        for (String heading : new String[] {"## scaling:", "## dependency-update:", "## feature-release:",
                "## Bottleneck"}) {
            assertTrue(report.contains(heading), heading + " missing from\n" + report);
        }
        List<String> seeds = report.lines().filter(l -> l.matches("\\| \\d+ \\|.*"))
                .map(l -> l.substring(2, l.indexOf(" |", 2))).distinct().toList();
        assertEquals(List.of("41", "42"), seeds, "five tables, each a row per seed, in order");
        assertEquals(10, report.lines().filter(l -> l.matches("\\| \\d+ \\|.*")).count(), report);
    }

    @Test
    void shouldRefuseAFirstSeedBelowOneInOneLine() {
        assertEquals(ForesightCli.USAGE, evaluate("--first-seed", "0"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("--first-seed"), err.toString());
    }
}
