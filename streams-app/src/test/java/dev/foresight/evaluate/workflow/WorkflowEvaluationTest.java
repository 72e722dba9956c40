package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.workflow.AllocationPlanner;
import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.predict.workflow.LstmSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowEvaluationTest {

    private static final long HOUR = 3_600_000;

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

    @Test
    void shouldEvaluateWfFormatInstancesApartFromTraces() throws IOException {
        List<Path> runs = List.of(TraceFiles.generatedRun(dir, "trace_one.csv", 30),
                WfFormatInstancesTest.instance(dir, "demo-001.json"));
        Path out = dir.resolve("out");

        List<MethodResult> results = WorkflowEvaluation.run(runs, out);

        assertEquals(WfFormatInstances.SOURCE, results.stream().filter(r -> r.workflow().equals("demo-001"))
                .findFirst().orElseThrow().source());
        String markdown = Files.readString(out.resolve(WorkflowEvaluation.MARKDOWN));
        assertTrue(markdown.contains("runs read from a " + NextflowTraces.SOURCE + " (1)"), markdown);
        assertTrue(markdown.contains("runs read from a " + WfFormatInstances.SOURCE + " (1)"), markdown);
    }

    @Test
    void shouldGiveEveryMethodTheDefaultForATaskThatRequestedNothing() {
        WorkflowRun run = new WorkflowRun("one", "test", List.of(new TraceTask("A", Double.NaN, 24, 1, HOUR, 0, 0, HOUR)));

        List<MethodResult> results = evaluation().evaluate(run);

        double unrequestedMb = AllocationPolicy.defaults().defaultAllocation().memoryMb();
        results.forEach(r -> assertEquals((unrequestedMb - 24) / 1024, r.wastageGbHours(), 1e-9, r.method()));
    }

    @Test
    void shouldSizeANewTypeOfOursFromTheShareOfTheirRequestOtherTypesUsed() {
        List<TraceTask> tasks = new ArrayList<>();
        for (int type = 0; type < 5; type++) {
            long start = type * 2 * HOUR;
            tasks.add(new TraceTask("T" + type, 4096, 1024, 1, HOUR, 0, start, start + HOUR));
            tasks.add(new TraceTask("T" + type, 4096, 1024, 1, HOUR, 0, start + HOUR, start + 2 * HOUR));
        }
        tasks.add(new TraceTask("NEW", 8192, 1024, 1, HOUR, 0, 10 * HOUR, 11 * HOUR));

        MethodResult ours = evaluation().evaluate(new WorkflowRun("one", "test", tasks)).stream()
                .filter(r -> r.method().equals(LstmSizer.NAME)).findFirst().orElseThrow();

        assertEquals(1L, ours.decisions().get(AllocationPlanner.FALLBACK_SHARE), ours.decisions().toString());
    }

    private static WorkflowEvaluation evaluation() {
        return new WorkflowEvaluation(LstmSettings.defaults(), AllocationPolicy.defaults());
    }

    private static double wastage(List<MethodResult> results, String method) {
        return results.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow().wastageGbHours();
    }
}
