package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.evaluate.InputFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NextflowTracesTest {

    private static final String WITH_STATUS = "task_id,process,status,memory,submit,start,complete,realtime,%cpu,peak_rss";

    @TempDir
    Path dir;

    @Test
    void shouldReadTasksInMibWithCpuInCoresAndTheSubmitTime() throws IOException {
        Path trace = TraceFiles.write(dir, "trace_demo.csv",
                List.of(TraceFiles.row(1, "WF:ALIGN", 2048, 400, 1000, 61_000, 700)));

        WorkflowRun run = WorkflowEvaluation.read(trace);

        TraceTask task = run.tasks().get(0);
        assertEquals("demo", run.name());
        assertEquals("WF:ALIGN", task.process());
        assertEquals(2048, task.requestedMb(), 1e-9);
        assertEquals(700, task.peakMb(), 1e-9);
        assertEquals(0.95, task.cpuCores(), 1e-9);
        assertEquals(60_000, task.realtimeMs(), 1e-9);
        assertEquals(2, task.ioMb(), 1e-9);
        assertEquals(400, task.submitMs());
        assertEquals(61_000, task.completeMs());
    }

    @Test
    void shouldScoreOnlyCompletedTasksWithAPeakAndARuntimeAndCountTheRest() throws IOException {
        Path trace = TraceFiles.writeWithHeader(dir, "trace_demo.csv", WITH_STATUS, List.of(
                "1,A,COMPLETED,1073741824,0,0,1000,1000,100,1048576",
                "2,A,FAILED,1073741824,0,0,1000,1000,100,1048576",
                "3,A,ABORTED,-,0,-,-,-,-,-",
                "4,A,COMPLETED,1073741824,0,0,1000,0,100,1048576",
                "5,A,COMPLETED,1073741824,0,0,1000,1000,100,0",
                "6,A,COMPLETED,-,0,0,1000,1000,-,1048576"));

        WorkflowRun run = WorkflowEvaluation.read(trace);

        assertEquals(2, run.tasks().size());
        assertEquals(Map.of("status FAILED", 1, "status ABORTED", 1, "no realtime above 0", 1,
                "no peak_rss above 0", 1), run.excluded());
        assertEquals(Map.of("memory", 1, "%cpu", 1), run.missing());
        assertTrue(Double.isNaN(run.tasks().get(1).requestedMb()), "a missing request is not a request of 0");
    }

    @Test
    void shouldKeepAQuotedCellWithCommasInOneColumn() throws IOException {
        Path trace = TraceFiles.write(dir, "trace_demo.csv", List.of(
                "1,WF:ALIGN,\"a,b,c\",1073741824,0,0,60000,60000,100.0,524288000,0,0"));

        TraceTask task = WorkflowEvaluation.read(trace).tasks().get(0);

        assertEquals(1024, task.requestedMb(), 1e-9);
        assertEquals(500, task.peakMb(), 1e-9);
    }

    @Test
    void shouldNameTheFileAndTheProblemForInputItCannotScore() throws IOException {
        Path empty = TraceFiles.writeWithHeader(dir, "empty.csv", "", List.of());
        Path wrongHeader = TraceFiles.writeWithHeader(dir, "wrong.csv", "a,b,c", List.of("1,2,3"));
        Path headerOnly = TraceFiles.write(dir, "header.csv", List.of());
        Path notANumber = TraceFiles.write(dir, "nan.csv", List.of("1,A,s,lots,0,0,1,1,1,1,0,0"));

        assertEquals(empty + ": empty file, expected a CSV header row", message(empty));
        assertTrue(message(wrongHeader).startsWith(wrongHeader + ": neither a Nextflow trace"), message(wrongHeader));
        assertEquals(headerOnly + ": no task rows to score", message(headerOnly));
        assertEquals(notANumber + ": line 2: column memory is not a number: 'lots'", message(notANumber));
        assertEquals(dir.resolve("gone.csv") + ": no such file", message(dir.resolve("gone.csv")));
    }

    private static String message(Path file) {
        return assertThrows(InputFileException.class, () -> WorkflowEvaluation.read(file)).getMessage();
    }
}
