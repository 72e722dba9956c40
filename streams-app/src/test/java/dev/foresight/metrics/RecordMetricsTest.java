package dev.foresight.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.TargetKind;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMetricsTest {

    private static final Instant AT = Instant.parse("2026-01-05T08:00:00Z");

    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RecordMetrics observer = RecordMetrics.ofCatalogue(metrics);

    @Test
    void shouldCountAnEventReadFromAnInputTopic() {
        observer.read(Topics.WORKFLOWS.name(), workflowEvent());

        assertEquals(List.of("event workflow.events.v1"), metrics.reports());
    }

    @Test
    void shouldNotCountWhatIsReadFromRepartitionAndChangelogTopics() {
        observer.read("foresight-workflow-shadow-store-changelog", workflowEvent());
        observer.read("foresight-workflow-by-pool-repartition", workflowEvent());

        assertEquals(List.of(), metrics.reports());
    }

    @Test
    void shouldCountADeadLetterByItsSourceStageAndTheFirstWordOfItsReason() {
        DeadLetter letter = DeadLetter.newBuilder().setSourceTopic(Topics.TELEMETRY.name()).setPartition(1)
                .setOffset(7).setDetectedAt(AT).setStage("telemetry-validate")
                .setReason("late by 120000 ms, more than the allowed 60000 ms").build();

        observer.written(Topics.DEAD_LETTERS.name(), letter);

        assertEquals(List.of("dead-letter telemetry.events.v1 telemetry-validate late"), metrics.reports());
    }

    @Test
    void shouldCountACommandByItsActionAndItsModelsConfidence() {
        observer.written(Topics.ALLOCATIONS.name(), reserve(0.8));

        assertEquals(List.of("command allocation.commands.v1 RESERVE", "confidence next-action-model 0.8"),
                metrics.reports());
    }

    @Test
    void shouldNotCountRecordsWrittenToStateTopics() {
        observer.written("foresight-workflow-pool-store-changelog", reserve(0.8));

        assertEquals(List.of(), metrics.reports());
    }

    @Test
    void shouldNameAReasonWithoutALeadingWordOther() {
        assertEquals("other", RecordMetrics.reasonKind("  123"));
        assertEquals("undeserializable", RecordMetrics.reasonKind("undeserializable: bad magic byte"));
    }

    private static WorkflowEvent workflowEvent() {
        return WorkflowEvent.newBuilder().setEventId("e-1").setWorkflowId("wf-1").setWorkflowType("etl")
                .setTimestamp(AT).setPayload(new WorkflowCreated(0)).build();
    }

    private static AllocationCommand reserve(double confidence) {
        Decision decision = Decision.newBuilder().setMadeBy("next-action-model").setVersion("lstm32-u3")
                .setInputs(Map.of()).setThresholds(Map.of()).setConfidence(confidence).build();
        return AllocationCommand.newBuilder().setCommandId("c-1").setIssuedAt(AT).setAction(AllocationAction.RESERVE)
                .setTargetKind(TargetKind.WORKFLOW_ACTION).setTarget("wf-1/a-1").setDecision(decision).build();
    }
}
