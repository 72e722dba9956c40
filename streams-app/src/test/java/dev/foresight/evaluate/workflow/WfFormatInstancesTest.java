package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WfFormatInstancesTest {

    private static final long EXECUTED_AT = 1_577_836_800_000L;

    @TempDir
    Path dir;

    @Test
    void shouldStartEachTaskWhenItsLastParentEndsAndRequestNothing() throws IOException {
        WorkflowRun run = WfFormatInstances.read(instance(dir, "demo-001.json"));

        assertEquals("demo-001", run.name());
        assertEquals(List.of("index", "align", "report"), run.tasks().stream().map(TraceTask::process).toList());
        TraceTask index = run.tasks().get(0);
        TraceTask align = run.tasks().get(1);
        TraceTask report = run.tasks().get(2);
        assertEquals(EXECUTED_AT, index.startMs());
        assertEquals(EXECUTED_AT + 10_000, align.startMs());
        assertEquals(EXECUTED_AT + 30_000, report.startMs(), "after align, its later parent");
        assertEquals(200, align.peakMb(), 1e-9);
        assertEquals(20_000, align.realtimeMs(), 1e-9);
        assertEquals(2.0, align.cpuCores(), 1e-9);
        assertFalse(align.requested());
    }

    /** index (10 s) → align (20 s) → report (5 s), and index → report. */
    static Path instance(Path dir, String name) throws IOException {
        String json = """
                {"name": "demo", "workflow": {
                  "specification": {"tasks": [
                    {"id": "index_1", "name": "index", "parents": [], "children": ["align_2", "report_3"]},
                    {"id": "align_2", "name": "align", "parents": ["index_1"], "children": ["report_3"]},
                    {"id": "report_3", "name": "report", "parents": ["index_1", "align_2"], "children": []}]},
                  "execution": {"executedAt": "2020-01-01T00:00:00+00:00", "tasks": [
                    {"id": "index_1", "runtimeInSeconds": 10, "avgCPU": 100, "memoryInBytes": 104857600},
                    {"id": "align_2", "runtimeInSeconds": 20, "avgCPU": 200, "memoryInBytes": 209715200},
                    {"id": "report_3", "runtimeInSeconds": 5, "avgCPU": 50, "memoryInBytes": 52428800}]}}}
                """;
        return Files.writeString(dir.resolve(name), json);
    }
}
