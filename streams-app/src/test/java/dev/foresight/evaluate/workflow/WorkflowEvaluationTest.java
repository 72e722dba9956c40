package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowEvaluationTest {

    @TempDir
    Path dir;

    @Test
    void shouldCompareEveryMethodOnEveryRunAndWriteTheReport() throws IOException {
        List<Path> traces = List.of(TraceFiles.generatedRun(dir, "trace_one.csv", 60),
                TraceFiles.generatedRun(dir, "trace_two.csv", 45));
        Path out = dir.resolve("out");

        List<MethodResult> results = WorkflowEvaluation.run(traces, out);

        assertEquals(12, results.size(), "6 methods x 2 runs");
        assertTrue(results.stream().anyMatch(r -> r.method().equals(LstmSizer.NAME) && r.workflow().equals("two")));
        assertEquals(13, Files.readAllLines(out.resolve(WorkflowEvaluation.CSV)).size());
        assertTrue(Files.readString(out.resolve(WorkflowEvaluation.MARKDOWN)).contains("| one | "));
        assertTrue(Files.readString(out.resolve(WorkflowEvaluation.CHART)).startsWith("<svg"));
    }

    @Test
    void shouldWasteLessThanTheRequestOnceTypesHaveHistory() throws IOException {
        Path trace = TraceFiles.generatedRun(dir, "trace_one.csv", 90);

        List<MethodResult> results = WorkflowEvaluation.run(List.of(trace), dir.resolve("out"));

        double requested = wastage(results, "requested");
        assertTrue(wastage(results, LstmSizer.NAME) < requested);
        assertTrue(wastage(results, "running-p95") < requested);
    }

    private static double wastage(List<MethodResult> results, String method) {
        return results.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow().wastageGbHours();
    }
}
