package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.evaluate.InputFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        assertEquals(EXECUTED_AT, index.submitMs());
        assertEquals(EXECUTED_AT + 10_000, align.submitMs());
        assertEquals(EXECUTED_AT + 30_000, report.submitMs(), "after align, its later parent");
        assertEquals(200, align.peakMb(), 1e-9);
        assertEquals(20_000, align.realtimeMs(), 1e-9);
        assertEquals(2.0, align.cpuCores(), 1e-9);
        assertFalse(align.requested());
    }

    @Test
    void shouldCountTasksWithoutAMemoryOrRuntimeInsteadOfReadingThemAsZero() throws IOException {
        Path instance = Files.writeString(dir.resolve("gaps-001.json"), """
                {"name": "gaps", "workflow": {
                  "specification": {"tasks": [
                    {"id": "a", "name": "a", "parents": []},
                    {"id": "b", "name": "b", "parents": ["a"]},
                    {"id": "c", "name": "c", "parents": ["a"]},
                    {"id": "d", "name": "d", "parents": ["a"]}]},
                  "execution": {"executedAt": "20200401T035043+0000", "tasks": [
                    {"id": "a", "runtimeInSeconds": 10, "memoryInBytes": 104857600},
                    {"id": "b", "runtimeInSeconds": 10},
                    {"id": "c", "runtimeInSeconds": 0, "avgCPU": 100, "memoryInBytes": 104857600},
                    {"id": "d", "runtimeInSeconds": 5, "avgCPU": 100, "memoryInBytes": 0}]}}}
                """);

        WorkflowRun run = WfFormatInstances.read(instance);

        assertEquals(List.of("a"), run.tasks().stream().map(TraceTask::process).toList());
        assertEquals(Map.of("no memoryInBytes", 1, "runtimeInSeconds 0", 1, "memoryInBytes 0", 1), run.excluded());
        assertEquals(Map.of("avgCPU", 1, "inputFiles sizeInBytes", 1), run.missing());
    }

    @Test
    void shouldSizeATasksInputAsItsInputFilesAndCountAFileWithoutASize() throws IOException {
        Path instance = Files.writeString(dir.resolve("files-001.json"), """
                {"name": "files", "workflow": {
                  "specification": {
                    "tasks": [
                      {"id": "a", "name": "a", "parents": [], "inputFiles": ["r1.fq", "r2.fq"]},
                      {"id": "b", "name": "b", "parents": ["a"], "inputFiles": ["r1.fq", "unsized.bam"]}],
                    "files": [{"id": "r1.fq", "sizeInBytes": 1048576}, {"id": "r2.fq", "sizeInBytes": 3145728},
                      {"id": "unsized.bam"}]},
                  "execution": {"executedAt": "2020-01-01T00:00:00+00:00", "tasks": [
                    {"id": "a", "runtimeInSeconds": 10, "avgCPU": 100, "memoryInBytes": 104857600},
                    {"id": "b", "runtimeInSeconds": 10, "avgCPU": 100, "memoryInBytes": 104857600}]}}}
                """);

        WorkflowRun run = WfFormatInstances.read(instance);

        assertEquals(4, run.tasks().get(0).inputMb(), 1e-9);
        assertTrue(Double.isNaN(run.tasks().get(1).inputMb()), "an unsized file makes the input unknown, not smaller");
        assertEquals(Map.of("inputFiles sizeInBytes", 1), run.missing());
    }

    @Test
    void shouldNameTheFileOfATruncatedInstance() throws IOException {
        Path truncated = Files.writeString(dir.resolve("cut-001.json"), "{\"name\": \"cut\", \"workflow\": {\"spec");

        InputFileException error = assertThrows(InputFileException.class, () -> WfFormatInstances.read(truncated));

        assertTrue(error.getMessage().startsWith(truncated + ": not valid JSON: "), error.getMessage());
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
