package dev.foresight.producers.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.WorkflowCompleted;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NextflowTraceReaderTest {

    private static final String HEADER = "task_id,process,name,status,exit,cpus,memory,time,submit,start,complete,realtime,%cpu,peak_rss,rchar,wchar";
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    @TempDir
    Path directory;

    /** Rows deliberately out of submit order; task 3 failed and task 4 retried it; task 5 never started. */
    private Path trace(String... extraRows) throws IOException {
        String[] rows = {
                HEADER,
                "2,NF:ALIGN,\"NF:ALIGN (s1, lane 1)\",COMPLETED,0,4," + 8 * GIB + ",3600000,1000,1500,9500,8000,350.5," + 2 * GIB + "," + 3 * MIB + "," + MIB,
                "1,NF:FASTQC,NF:FASTQC (s1),COMPLETED,0,2,-,-,500,600,2600,2000,-,-,-,-",
                "3,NF:QUANT,NF:QUANT (s1),FAILED,137,1," + GIB + ",-,9600,9700,10700,1000,90.0," + GIB + ",0,0",
                "4,NF:QUANT,NF:QUANT (s1),COMPLETED,0,1," + 2 * GIB + ",-,10800,10900,12900,2000,95.0," + (3 * GIB / 2) + ",0,0",
                "5,NF:MULTIQC,NF:MULTIQC,ABORTED,-,1,-,-,13000,-,-,-,-,-,-,-"};
        String[] all = Stream.concat(Arrays.stream(rows), Arrays.stream(extraRows))
                .toArray(String[]::new);
        return TraceFiles.write(directory, "trace_rnaseq.csv", all);
    }

    @Test
    void shouldReplayOneRunInEventTimeOrderFromFirstSubmitToLastCompletion() throws IOException {
        List<WorkflowEvent> events = TraceFiles.replay("nextflow", trace(), Topics.WORKFLOWS);

        assertEquals("trace_rnaseq", events.get(0).getWorkflowId());
        assertEquals("rnaseq", events.get(0).getWorkflowType());
        assertEquals(new WorkflowCreated(4), events.get(0).getPayload());
        assertEquals(500, events.get(0).getTimestamp().toEpochMilli());
        assertEquals(new WorkflowCompleted(true), events.get(events.size() - 1).getPayload());
        assertEquals(12_900, events.get(events.size() - 1).getTimestamp().toEpochMilli());
        for (int i = 1; i < events.size(); i++) {
            assertFalse(events.get(i).getTimestamp().isBefore(events.get(i - 1).getTimestamp()));
        }
        assertEquals(14, events.size(), "created, 4 x (submitted, started, completed), completed");
    }

    @Test
    void shouldSubmitEachTaskAtItsSubmitTimeBeforeItStarts() throws IOException {
        List<WorkflowEvent> events = TraceFiles.replay("nextflow", trace(), Topics.WORKFLOWS);

        WorkflowEvent submitted = events.stream().filter(event -> event.getPayload() instanceof ActionSubmitted s
                && s.getActionId().equals("2")).findFirst().orElseThrow();
        assertEquals(1000, submitted.getTimestamp().toEpochMilli());
        assertEquals(new ResourceUsage(4.0, 8192.0, 0.0, 0.0, 3_600_000L),
                ((ActionSubmitted) submitted.getPayload()).getRequested());
    }

    @Test
    void shouldStartWithTheRequestAndCompleteWithTheMeasuredUsage() throws IOException {
        List<WorkflowEvent> events = TraceFiles.replay("nextflow", trace(), Topics.WORKFLOWS);
        ActionStarted align = payloadOf(events, ActionStarted.class, "2");
        ActionCompleted aligned = payloadOf(events, ActionCompleted.class, "2");

        assertEquals("NF:ALIGN", align.getActionType());
        assertEquals(new ResourceUsage(4.0, 8192.0, 0.0, 0.0, 3_600_000L), align.getRequested());
        assertEquals(new ResourceUsage(3.505, 2048.0, 4.0, 0.0, 8_000L), aligned.getActual());
        assertTrue(aligned.getSucceeded());
    }

    @Test
    void shouldSendMissingMeasurementsAsZeroAndSkipTasksThatNeverStarted() throws IOException {
        List<WorkflowEvent> events = TraceFiles.replay("nextflow", trace(), Topics.WORKFLOWS);

        assertEquals(new ResourceUsage(2.0, 0.0, 0.0, 0.0, 0L), payloadOf(events, ActionStarted.class, "1").getRequested());
        assertEquals(new ResourceUsage(0.0, 0.0, 0.0, 0.0, 2_000L), payloadOf(events, ActionCompleted.class, "1").getActual());
        assertTrue(events.stream().noneMatch(event -> event.getPayload() instanceof ActionStarted started
                && started.getActionId().equals("5")));
    }

    @Test
    void shouldKeepFailedTasksFailedAndTheRunSuccessfulWhenARetrySucceeded() throws IOException {
        List<WorkflowEvent> events = TraceFiles.replay("nextflow", trace(), Topics.WORKFLOWS);

        assertFalse(payloadOf(events, ActionCompleted.class, "3").getSucceeded());
        assertTrue(payloadOf(events, ActionCompleted.class, "4").getSucceeded());
        assertEquals(new WorkflowCompleted(true), events.get(events.size() - 1).getPayload());
    }

    @Test
    void shouldFailTheRunWhenAFailedTaskWasNeverRetried() throws IOException {
        Path file = trace("6,NF:REPORT,NF:REPORT,FAILED,1,1,-,-,13100,13200,13300,100,-,-,-,-");

        List<WorkflowEvent> events = TraceFiles.replay("nextflow", file, Topics.WORKFLOWS);

        assertEquals(new WorkflowCompleted(false), events.get(events.size() - 1).getPayload());
    }

    @Test
    void shouldNotCompleteTasksWithoutACompleteTime() throws IOException {
        Path file = trace("7,NF:SLOW,NF:SLOW,ABORTED,-,1,-,-,13100,13200,-,-,-,-,-,-");

        List<WorkflowEvent> events = TraceFiles.replay("nextflow", file, Topics.WORKFLOWS);

        assertInstanceOf(ActionStarted.class, payloadOf(events, ActionStarted.class, "7"));
        assertTrue(events.stream().noneMatch(event -> event.getPayload() instanceof ActionCompleted completed
                && completed.getActionId().equals("7")));
    }

    @Test
    void shouldLeaveRequestNullWhenTheTraceHasNoRequestColumns() throws IOException {
        Path file = TraceFiles.write(directory, "trace_min.csv", "task_id,process,submit,start,complete,realtime",
                "1,P,100,200,300,100");

        List<WorkflowEvent> events = TraceFiles.replay("nextflow", file, Topics.WORKFLOWS);

        assertNull(payloadOf(events, ActionStarted.class, "1").getRequested());
    }

    private static <T> T payloadOf(List<WorkflowEvent> events, Class<T> type, String actionId) {
        return events.stream().map(WorkflowEvent::getPayload).filter(type::isInstance).map(type::cast)
                .filter(payload -> actionId.equals(payload instanceof ActionStarted started
                        ? started.getActionId() : ((ActionCompleted) payload).getActionId()))
                .findFirst().orElseThrow();
    }
}
