package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.predict.workflow.LstmSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowEvaluationTest {

    private static final long HOUR = 3_600_000;
    /** Ten history sources, five input-size sources, the LSTM alone and with the fallback, and the selection. */
    private static final int METHODS = 18;

    @TempDir
    Path dir;

    @Test
    void shouldScoreEveryMethodOnEveryRunAndReportEveryRunAndTheMedian() throws IOException {
        List<Path> traces = List.of(TraceFiles.generatedRun(dir, "trace_one.csv", 60),
                TraceFiles.generatedRun(dir, "trace_two.csv", 45),
                WfFormatInstancesTest.instance(dir, "demo-001.json"));
        Path out = dir.resolve("out");

        List<MethodResult> results = WorkflowEvaluation.run(traces, out);

        assertEquals(3 * METHODS, results.size());
        assertTrue(results.stream().anyMatch(r -> r.method().equals(Scoring.SELECTED) && r.workflow().equals("two")));
        assertEquals(3 * METHODS + 1, Files.readAllLines(out.resolve(WorkflowEvaluation.CSV)).size());
        String markdown = Files.readString(out.resolve(WorkflowEvaluation.MARKDOWN));
        assertTrue(markdown.contains("| one | Nextflow trace | 60 |"), markdown);
        assertTrue(markdown.contains("| demo-001 | WfFormat instance | 3 |"), markdown);
        assertTrue(markdown.contains("| all runs | 3 |"), markdown);
        assertTrue(markdown.contains("GiB·h") && !markdown.contains("GB·h"), "units named as computed");
        assertTrue(Files.readString(out.resolve(WorkflowEvaluation.CHART)).startsWith("<svg"));
    }

    @Test
    void shouldWasteLessThanTheRequestOnceTypesHaveHistory() throws IOException {
        Path trace = TraceFiles.generatedRun(dir, "trace_one.csv", 90);

        List<MethodResult> results = WorkflowEvaluation.run(List.of(trace), dir.resolve("out"));

        double requested = wastage(results, HistorySizers.REQUESTED);
        assertTrue(wastage(results, Scoring.SELECTED) < requested);
        assertTrue(wastage(results, "running-p95") < requested);
    }

    @Test
    void shouldGiveEveryMethodTheDefaultForTheFirstTaskThatRequestedNothing() {
        WorkflowRun run = new WorkflowRun("one", "test", List.of(new TraceTask("A", Double.NaN, 24, 1, HOUR, 0, 0, HOUR)),
                Map.of(), Map.of());

        ProposalTable table = evaluation().propose(run);

        double unrequestedMb = AllocationPolicy.defaults().defaultAllocation().memoryMb();
        for (String method : table.sources()) {
            assertEquals((unrequestedMb - 24) / 1024, Scoring.fixed(table, method).wastageGibHours(), 1e-9, method);
        }
    }

    @Test
    void shouldSizeANewTypeFromTheShareOfTheirRequestThatOtherTypesUsed() {
        List<TraceTask> tasks = new ArrayList<>();
        for (int type = 0; type < 5; type++) {
            long start = type * 2 * HOUR;
            tasks.add(new TraceTask("T" + type, 4096, 1024, 1, HOUR, 0, start, start + HOUR));
            tasks.add(new TraceTask("T" + type, 4096, 1024, 1, HOUR, 0, start + HOUR, start + 2 * HOUR));
        }
        tasks.add(new TraceTask("NEW", 8192, 1024, 1, HOUR, 0, 10 * HOUR, 11 * HOUR));

        ProposalTable table = evaluation().propose(new WorkflowRun("one", "test", tasks, Map.of(), Map.of()));

        double[] forNew = table.proposals()[tasks.size() - 1];
        assertEquals(8192, forNew[table.column(HistorySizers.REQUESTED)], 1e-9);
        assertEquals(2048, forNew[table.column(HistorySizers.SHARE)], 1e-9, "a quarter of its request, as the others");
        assertEquals(8192, forNew[table.column(HistorySizers.SHARE_SAME_REQUEST)], 1e-9,
                "no other type requested 8 GiB");
    }

    private static WorkflowEvaluation evaluation() {
        return new WorkflowEvaluation(LstmSettings.defaults(), AllocationPolicy.defaults());
    }

    private static double wastage(List<MethodResult> results, String method) {
        return results.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow().wastageGibHours();
    }
}
