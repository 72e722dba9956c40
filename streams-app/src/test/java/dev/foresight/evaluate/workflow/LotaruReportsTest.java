package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LotaruReportsTest {

    private static final String HEADER = "Label,Machine,Workflow,NumberSequences,Task,Realtime,%cpu,memory,peak_rss";

    @TempDir
    Path dir;

    @Test
    void shouldReplayTheTasksOneAfterTheOtherInFileOrder() throws IOException {
        Path report = TraceFiles.writeWithHeader(dir, "execution_report_n1.csv", HEADER, List.of(
                "train-1,n1,eager,100,fastqc,1000,90.0,4294967296,104857600",
                "train-1,n1,eager,200,fastqc,0,90.0,4294967296,104857600",
                "test,n1,eager,300,adapter_removal,2500,150.0,-,209715200"));

        WorkflowRun run = WorkflowEvaluation.read(report);

        assertEquals("lotaru-eager-n1", run.name());
        assertEquals(LotaruReports.SOURCE, run.source());
        assertEquals(List.of(0L, 1000L), run.tasks().stream().map(TraceTask::submitMs).toList());
        assertEquals(3500L, run.tasks().get(1).completeMs());
        assertEquals(4096, run.tasks().get(0).requestedMb(), 1e-9);
        assertEquals(200, run.tasks().get(1).peakMb(), 1e-9);
        assertEquals(1.5, run.tasks().get(1).cpuCores(), 1e-9);
        assertEquals(Map.of("no realtime above 0", 1), run.excluded());
        assertEquals(Map.of("memory", 1, "taskinputsize", 2), run.missing(), "the header has no TaskInputSize");
    }

    @Test
    void shouldReadTheTasksInputSizeInMib() throws IOException {
        Path report = TraceFiles.writeWithHeader(dir, "execution_report_c2.csv", HEADER + ",TaskInputSize", List.of(
                "train-1,c2,eager,100,fastqc,1000,90.0,4294967296,104857600,3145728",
                "train-1,c2,eager,100,bwa,1000,90.0,4294967296,104857600,-"));

        WorkflowRun run = WorkflowEvaluation.read(report);

        assertEquals(3, run.tasks().get(0).inputMb(), 1e-9);
        assertTrue(Double.isNaN(run.tasks().get(1).inputMb()));
        assertEquals(Map.of("taskinputsize", 1), run.missing());
    }
}
