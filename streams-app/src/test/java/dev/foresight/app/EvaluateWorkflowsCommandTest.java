package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateWorkflowsCommandTest {

    @TempDir
    Path dir;

    /** Runs {@code evaluate workflows} on {@code input}: the exit code and what it printed on stderr. */
    private Result evaluate(Path input) {
        StringWriter err = new StringWriter();
        CommandLine cli = ForesightCli.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute("evaluate", "workflows", "--out", dir.resolve("out").toString(), input.toString());
        return new Result(code, err.toString());
    }

    private record Result(int code, String err) {

        void isOneLineNaming(Path file, String problem) {
            assertEquals(ForesightCli.USAGE, code, err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains(file.toString()) && err.contains(problem), err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        }
    }

    @Test
    void shouldExplainAnEmptyFileInOneLine() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");

        evaluate(empty).isOneLineNaming(empty, "empty file");
    }

    @Test
    void shouldExplainAWrongHeaderInOneLine() throws IOException {
        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "when,what\n1,2\n");

        evaluate(wrong).isOneLineNaming(wrong, "neither a Nextflow trace");
    }

    @Test
    void shouldExplainAHeaderOnlyFileInOneLine() throws IOException {
        Path headerOnly = Files.writeString(dir.resolve("trace_x.csv"), "process,submit,complete,realtime,peak_rss\n");

        evaluate(headerOnly).isOneLineNaming(headerOnly, "no task rows");
    }

    @Test
    void shouldExplainAMissingPathInOneLine() {
        Path missing = dir.resolve("nowhere");

        evaluate(missing).isOneLineNaming(missing, "no such file or folder");
    }

    @Test
    void shouldExplainATruncatedJsonInOneLine() throws IOException {
        Path truncated = Files.writeString(dir.resolve("cut.json"), "{\"name\": \"cut\", \"workflow\": {");

        evaluate(truncated).isOneLineNaming(truncated, "not valid JSON");
    }

    @Test
    void shouldExplainAnEmptyFolderInOneLine() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("nothing-here"));

        evaluate(folder).isOneLineNaming(folder, "folder holds no .csv or .json file");
    }
}
