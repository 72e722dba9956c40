package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.OptionSpec;

/** Every class of user error is one line on stderr and exit 2; every command's help names its defaults. */
class CliConventionsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @Test
    void shouldReportABadFlagValueInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("run", "--http-port", "eighty"));

        assertOneLine("foresight run: Invalid value for option '--http-port': 'eighty' is not an int");
    }

    @Test
    void shouldReportAnUnknownOptionInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("topics", "--bogus"));

        assertOneLine("foresight topics: Unknown option: '--bogus'");
    }

    @Test
    void shouldReportAMissingConfigFileInOneLine() {
        Path missing = dir.resolve("absent.properties");

        assertEquals(ForesightCli.USAGE, execute("topics", "--config", missing.toString()));

        assertOneLine("foresight topics: --config " + missing + ": no such file");
    }

    @Test
    void shouldReportAConfigFileThatIsAFolderInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("reset", "--config", dir.toString()));

        assertOneLine("foresight reset: --config " + dir + ": cannot be read as a properties file");
    }

    @Test
    void shouldReportAMalformedKafkaPropertyInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("topics", "-p", "linger.ms", "--bootstrap-servers", "127.0.0.1:1"));

        assertOneLine("foresight topics: --kafka-property: Expected key=value, got 'linger.ms'");
    }

    @Test
    void shouldReportAnUnknownFormatInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("replay", "bogus", dir.toString()));

        assertOneLine("foresight replay: Unknown format 'bogus'");
    }

    @Test
    void shouldReportAReplayTimeThatIsNoTimeInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("replay", "--from", "yesterday"));

        assertOneLine("foresight replay: Invalid value for option '--from': 'yesterday' is neither an instant");
    }

    @Test
    void shouldReportAReplayFromTheFutureInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("replay", "--from", "2999-01-01T00:00:00Z"));

        assertOneLine("foresight replay: --from 2999-01-01T00:00:00Z is in the future");
    }

    @Test
    void shouldReportAReplayOfHistoryGivenATraceInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("replay", "nab", dir.toString(), "--from", "2h"));

        assertOneLine("foresight replay: --from re-runs the recorded input topics; it takes no FORMAT or PATH");
    }

    @Test
    void shouldReportATraceReplayWithAHistoryOptionInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("replay", "nab", dir.toString(), "--keep"));

        assertOneLine("foresight replay: --keep is for replay --from");
    }

    @Test
    void shouldReportAReplayWithNeitherTraceNorTimeInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("replay"));

        assertOneLine("foresight replay: Missing FORMAT and PATH, or --from TIME");
    }

    @Test
    void shouldReportAMissingTraceFileInOneLine() throws Exception {
        Path trace = dir.resolve("absent.csv");

        assertEquals(ForesightCli.USAGE, execute("evaluate", "workflows", trace.toString()));

        assertTrue(err.toString().contains(trace.toString()), err.toString());
        assertOneLine("foresight evaluate workflows: ");
    }

    @Test
    void shouldReportAnUnreachableClusterInOneLineWithinTheConnectTimeout() {
        assertEquals(ForesightCli.USAGE, execute("topics", "--bootstrap-servers", "127.0.0.1:1",
                "--connect-timeout", "1s"));

        assertOneLine("foresight topics: cannot reach the Kafka cluster at 127.0.0.1:1 within 1 s");
    }

    @Test
    void shouldReportATrainingCheckpointThatCannotBeWrittenInOneLine() {
        Path out = dir.resolve("absent").resolve("risk.ckpt");

        assertEquals(ForesightCli.USAGE, execute("train", "deployments", "--out", out.toString()));

        assertOneLine("foresight train deployments: --out " + out + ": " + out.getParent() + " is not a writable directory");
    }

    @Test
    void shouldReportATrainingWithoutWhatToTrainInOneLine() {
        assertEquals(ForesightCli.USAGE, execute("train"));

        assertOneLine("foresight train: Missing what to train: deployments");
    }

    @Test
    void shouldReportAMissingRiskModelInOneLine() {
        Path missing = dir.resolve("absent.ckpt");

        assertEquals(ForesightCli.USAGE, execute("run", "--risk-model", missing.toString()));

        assertOneLine("foresight run: --risk-model " + missing + ": no such file");
    }

    @Test
    void shouldReportARiskModelThatIsNoCheckpointInOneLine() throws Exception {
        Path garbage = Files.writeString(dir.resolve("notes.txt"), "not a model");

        assertEquals(ForesightCli.USAGE, execute("run", "--risk-model", garbage.toString()));

        assertOneLine("foresight run: --risk-model " + garbage + ": not a checkpoint of the deployment risk model");
    }

    @Test
    void shouldNameTheDefaultOfEveryOptionInEveryCommandsHelp() {
        List<String> missing = new ArrayList<>();
        helpOfEvery(ForesightCli.commandLine(), missing);

        assertEquals(List.of(), missing);
    }

    @Test
    void shouldListCleanBesideReset() throws Exception {
        Files.createDirectories(dir);
        CommandLine cli = ForesightCli.commandLine().setOut(new PrintWriter(out, true));

        cli.execute("clean", "--help");

        assertTrue(out.toString().contains("everything 'reset' deletes"), out.toString());
        assertTrue(out.toString().contains("--application-id"), out.toString());
    }

    private void helpOfEvery(CommandLine command, List<String> missing) {
        String help = command.getUsageMessage();
        for (OptionSpec option : command.getCommandSpec().options()) {
            String value = defaultOf(option);
            if (value != null && !option.hidden() && option.showDefaultValue() != Visibility.NEVER
                    && !help.contains(value)) {
                missing.add(command.getCommandSpec().qualifiedName() + " " + option.longestName() + " " + value);
            }
        }
        command.getSubcommands().values().forEach(sub -> helpOfEvery(sub, missing));
    }

    /** The annotation's default, or a field's initial value; a flag's false and an empty list say nothing. */
    private static String defaultOf(OptionSpec option) {
        if (option.defaultValue() != null) {
            return option.defaultValue();
        }
        Object initial = option.initialValue();
        boolean flag = option.arity().max() == 0;
        return initial == null || flag || initial instanceof java.util.Collection<?> ? null : initial.toString();
    }

    private int execute(String... args) {
        return ForesightCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private void assertOneLine(String start) {
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), "one line expected:\n" + err);
        assertTrue(lines.get(0).startsWith(start), lines.get(0));
        assertTrue(!err.toString().contains("\tat ") && !err.toString().contains("Exception"), err.toString());
    }
}
