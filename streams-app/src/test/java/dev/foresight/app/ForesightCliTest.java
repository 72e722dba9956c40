package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ForesightCliTest {

    @Test
    void shouldPrintEveryCatalogueTopicWithoutACluster() {
        StringWriter out = new StringWriter();
        CommandLine cli = ForesightCli.commandLine().setOut(new PrintWriter(out));

        assertEquals(ForesightCli.OK, cli.execute("topics", "--print-only"));
        Topics.ALL.forEach(topic -> assertTrue(out.toString().contains(topic.name()), topic.name()));
    }

    @Test
    void shouldExitWithUsageCodeOnUnknownCommandOrMissingCommand() {
        CommandLine cli = ForesightCli.commandLine().setErr(new PrintWriter(new StringWriter()));

        assertEquals(ForesightCli.USAGE, cli.execute("bogus"));
        assertEquals(ForesightCli.USAGE, cli.execute());
    }

    @Test
    void shouldExitWithUsageCodeOnUnknownReplayFormat() {
        CommandLine cli = ForesightCli.commandLine().setErr(new PrintWriter(new StringWriter()));

        assertEquals(ForesightCli.USAGE, cli.execute("replay", "bogus", "file.csv"));
    }

    @Test
    void shouldRefuseToServeAPublicInterfaceWithoutAToken() {
        StringWriter err = new StringWriter();
        CommandLine cli = ForesightCli.commandLine().setErr(new PrintWriter(err));

        assertEquals(ForesightCli.USAGE, cli.execute("run", "--http-bind", "0.0.0.0", "--http-token", ""));
        assertTrue(err.toString().contains("--http-bind 0.0.0.0 is not a loopback address: set --http-token"),
                err.toString());
    }

    @Test
    void shouldNeverPrintTheTokenInTheHelp() {
        StringWriter out = new StringWriter();
        CommandLine cli = ForesightCli.commandLine().setOut(new PrintWriter(out));

        cli.execute("run", "--http-token", "very-secret", "--help");
        assertTrue(out.toString().contains("--http-token"));
        assertTrue(!out.toString().contains("very-secret"));
    }
}
