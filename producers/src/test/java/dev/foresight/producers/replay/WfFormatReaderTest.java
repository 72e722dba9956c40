package dev.foresight.producers.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WfFormatReaderTest {

    private static final Instant EXECUTED_AT = Instant.parse("2023-03-22T01:54:38Z");

    @TempDir
    Path directory;

    /** A diamond listed child-first: a → b (10 s), a → c (30 s), b + c → d. */
    private Path diamond(String dParents) throws IOException {
        return TraceFiles.write(directory, "demo-001.json", """
                {"name": "demo", "schemaVersion": "1.5",
                 "workflow": {
                   "specification": {"tasks": [
                     {"id": "d", "name": "MERGE", "parents": [%s], "children": []},
                     {"id": "b", "name": "LEFT", "parents": ["a"], "children": ["d"]},
                     {"id": "c", "name": "RIGHT", "parents": ["a"], "children": ["d"]},
                     {"id": "a", "name": "SPLIT", "parents": [], "children": ["b", "c"]}]},
                   "execution": {"executedAt": "2023-03-21T15:54:38-10:00", "tasks": [
                     {"id": "a", "runtimeInSeconds": 5, "avgCPU": 150.0, "memoryInBytes": 2097152, "readBytes": 1048576, "writtenBytes": 1048576},
                     {"id": "b", "runtimeInSeconds": 10, "avgCPU": 100.0, "memoryInBytes": 1048576, "readBytes": 0, "writtenBytes": 0},
                     {"id": "c", "runtimeInSeconds": 30, "avgCPU": 100.0, "memoryInBytes": 1048576, "readBytes": 0, "writtenBytes": 0},
                     {"id": "d", "runtimeInSeconds": 2.5, "avgCPU": 50.0, "memoryInBytes": 1048576, "readBytes": 0, "writtenBytes": 0}]}}}
                """.formatted(dParents));
    }

    @Test
    void shouldStartEachTaskWhenItsLastParentEnds() throws IOException {
        List<WorkflowEvent> events = TraceFiles.replay("wfformat", diamond("\"b\", \"c\""), Topics.WORKFLOWS);

        Map<String, Long> startOffsets = new LinkedHashMap<>();
        events.stream().filter(event -> event.getPayload() instanceof ActionStarted).forEach(event -> startOffsets.put(
                ((ActionStarted) event.getPayload()).getActionId(),
                event.getTimestamp().toEpochMilli() - EXECUTED_AT.toEpochMilli()));
        assertEquals(Map.of("a", 0L, "b", 5_000L, "c", 5_000L, "d", 35_000L), startOffsets);
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(startOffsets.keySet()));
    }

    @Test
    void shouldFrameTheRunWithCreatedAndCompletedAtTheCriticalPathEnd() throws IOException {
        List<WorkflowEvent> events = TraceFiles.replay("wfformat", diamond("\"b\", \"c\""), Topics.WORKFLOWS);

        assertEquals("demo-001", events.get(0).getWorkflowId());
        assertEquals("demo", events.get(0).getWorkflowType());
        assertEquals(new WorkflowCreated(4), events.get(0).getPayload());
        assertEquals(EXECUTED_AT, events.get(0).getTimestamp());
        assertEquals(new WorkflowCompleted(true), events.get(events.size() - 1).getPayload());
        assertEquals(EXECUTED_AT.plusMillis(37_500), events.get(events.size() - 1).getTimestamp());
    }

    @Test
    void shouldReportMeasuredUsageAndNoRequest() throws IOException {
        List<WorkflowEvent> events = TraceFiles.replay("wfformat", diamond("\"b\", \"c\""), Topics.WORKFLOWS);

        ActionStarted split = (ActionStarted) events.get(2).getPayload();
        assertEquals(new ActionSubmitted("a", "SPLIT", null), events.get(1).getPayload());
        assertEquals(events.get(1).getTimestamp(), events.get(2).getTimestamp(), "submitted when it can start");
        ActionCompleted splitDone = events.stream().map(WorkflowEvent::getPayload)
                .filter(payload -> payload instanceof ActionCompleted completed && completed.getActionId().equals("a"))
                .map(ActionCompleted.class::cast).findFirst().orElseThrow();
        assertEquals("SPLIT", split.getActionType());
        assertNull(split.getRequested());
        assertEquals(new ResourceUsage(1.5, 2.0, 2.0, 0.0, 5_000L), splitDone.getActual());
    }

    @Test
    void shouldRejectATaskGraphWithACycle() throws IOException {
        Path cyclic = TraceFiles.write(directory, "cyclic.json", """
                {"name": "cyclic", "workflow": {
                   "specification": {"tasks": [
                     {"id": "x", "name": "X", "parents": ["y"]},
                     {"id": "y", "name": "Y", "parents": ["x"]}]},
                   "execution": {"tasks": []}}}
                """);

        assertThrows(IllegalArgumentException.class, () -> Replayers.forFormat("wfformat").events(cyclic));
    }

    private Path pegasusStyle(String executedAt) throws IOException {
        return TraceFiles.write(directory, "blast-001.json", """
                {"name": "blast", "schemaVersion": "1.5",
                 "workflow": {
                   "specification": {"tasks": [
                     {"id": "ID000001", "name": "split_fasta_ID000001", "parents": [], "children": ["ID000002"]},
                     {"id": "ID000002", "name": "blastall_ID000002", "parents": ["ID000001"], "children": []}]},
                   "execution": {"executedAt": "%s", "tasks": [
                     {"id": "ID000001", "runtimeInSeconds": 4, "avgCPU": 90.0, "memoryInBytes": 1048576},
                     {"id": "ID000002", "runtimeInSeconds": 8}]}}}
                """.formatted(executedAt));
    }

    @Test
    void shouldReadThePegasusAndMakeflowTimestampStyles() throws IOException {
        Instant pegasus = TraceFiles.replay("wfformat", pegasusStyle("20200401T035043+0000"), Topics.WORKFLOWS)
                .get(0).getTimestamp();
        Instant makeflow = TraceFiles.replay("wfformat", pegasusStyle("12-19-20T21:31:53Z"), Topics.WORKFLOWS)
                .get(0).getTimestamp();

        assertEquals(Instant.parse("2020-04-01T03:50:43Z"), pegasus);
        assertEquals(Instant.parse("2020-12-19T21:31:53Z"), makeflow);
    }

    @Test
    void shouldTypeActionsByTaskNameWithoutTheInstanceSuffix() throws IOException {
        List<String> types = TraceFiles.replay("wfformat", pegasusStyle("20200401T035043+0000"), Topics.WORKFLOWS)
                .stream().map(WorkflowEvent::getPayload).filter(ActionStarted.class::isInstance)
                .map(payload -> ((ActionStarted) payload).getActionType()).toList();

        assertEquals(List.of("split_fasta", "blastall"), types);
    }

    @Test
    void shouldSendAnUnrecordedMemoryAndCpuAsNaNNotZero() throws IOException {
        ResourceUsage blastall = TraceFiles.replay("wfformat", pegasusStyle("20200401T035043+0000"), Topics.WORKFLOWS)
                .stream().map(WorkflowEvent::getPayload)
                .filter(payload -> payload instanceof ActionCompleted completed && completed.getActionId().equals("ID000002"))
                .map(payload -> ((ActionCompleted) payload).getActual()).findFirst().orElseThrow();

        assertTrue(Double.isNaN(blastall.getMemoryMb()));
        assertTrue(Double.isNaN(blastall.getCpuCores()));
        assertEquals(8_000L, blastall.getDurationMs());
    }
}
