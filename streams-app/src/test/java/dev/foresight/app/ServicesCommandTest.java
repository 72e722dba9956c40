package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServicesCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine cli = ForesightCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

    @Test
    void shouldPrintTheStartupPlanOfTheShippedExample() {
        assertEquals(ForesightCli.OK, cli.execute("services", "plan"));
        assertEquals(String.join(System.lineSeparator(), "1. database", "2. auth", "3. backend", "4. bot, frontend",
                "environments: [dev, prod, staging]", ""), out.toString());
    }

    @Test
    void shouldListEveryProblemOfTheSeedAsWrittenAndExitWithUsage() throws IOException {
        Path seed = dir.resolve("seed.yaml");
        try (InputStream in = getClass().getResourceAsStream("/orchestration/seed-as-written.yaml")) {
            Files.write(seed, in.readAllBytes());
        }
        assertEquals(ForesightCli.USAGE, cli.execute("services", "plan", seed.toString()));
        assertTrue(err.toString().contains("2 problem(s)"), err.toString());
        assertTrue(err.toString().contains("services auth and bot share port 8002"), err.toString());
        assertTrue(err.toString().contains("startupOrder names xp, which is not a defined service"), err.toString());
    }

    @Test
    void shouldRefuseAMissingFileAndAnUnknownEnvironment() {
        assertEquals(ForesightCli.USAGE, cli.execute("services", "plan", dir.resolve("none.yaml").toString()));
        assertTrue(err.toString().contains("cannot read"), err.toString());
        assertEquals(ForesightCli.USAGE, cli.execute("services", "publish", "--environment", "qa"));
        assertTrue(err.toString().contains("--environment must be dev, staging or prod, got qa"), err.toString());
    }
}
