package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NextflowTracesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTasksInMibWithCpuInCores() throws IOException {
        Path trace = TraceFiles.write(dir, "trace_demo.csv", List.of(TraceFiles.row(1, "WF:ALIGN", 2048, 1000, 61_000, 700)));

        WorkflowRun run = NextflowTraces.read(trace);

        TraceTask task = run.tasks().get(0);
        assertEquals("demo", run.name());
        assertEquals("WF:ALIGN", task.process());
        assertEquals(2048, task.requestedMb(), 1e-9);
        assertEquals(700, task.peakMb(), 1e-9);
        assertEquals(0.95, task.cpuCores(), 1e-9);
        assertEquals(60_000, task.realtimeMs(), 1e-9);
        assertEquals(2, task.ioMb(), 1e-9);
        assertEquals(1000, task.startMs());
        assertEquals(61_000, task.completeMs());
    }

    @Test
    void shouldLeaveOutRowsMissingWhatTheReplayNeedsAndSaySo() throws IOException {
        Path trace = TraceFiles.write(dir, "trace_demo.csv", List.of(
                TraceFiles.row(1, "WF:ALIGN", 2048, 1000, 61_000, 700),
                "2,WF:SORT,sample,1073741824,5,-,9000,100,50.0,-,0,0"));

        WorkflowRun run = NextflowTraces.read(trace);

        assertEquals(1, run.tasks().size());
        assertEquals("demo (1 rows incomplete)", run.name());
    }

    @Test
    void shouldKeepAQuotedCellWithCommasInOneColumn() throws IOException {
        Path trace = TraceFiles.write(dir, "trace_demo.csv", List.of(
                "1,WF:ALIGN,\"a,b,c\",1073741824,0,0,60000,60000,100.0,524288000,0,0"));

        TraceTask task = NextflowTraces.read(trace).tasks().get(0);

        assertEquals(1024, task.requestedMb(), 1e-9);
        assertEquals(500, task.peakMb(), 1e-9);
    }
}
