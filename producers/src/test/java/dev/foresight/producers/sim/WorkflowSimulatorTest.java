package dev.foresight.producers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.WorkflowCompleted;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkflowSimulatorTest {

    private static Map<String, List<WorkflowEvent>> byWorkflow;

    @BeforeAll
    static void runOneDay() {
        RecordingEventSink sink = new RecordingEventSink();
        Simulation.builder().seed(31).start(SimulationTest.START).build().runFor(Duration.ofDays(1), sink);
        byWorkflow = sink.values(Topics.WORKFLOWS).stream().collect(Collectors.groupingBy(WorkflowEvent::getWorkflowId));
    }

    private static List<List<WorkflowEvent>> finishedWorkflows() {
        return byWorkflow.values().stream()
                .filter(events -> events.get(events.size() - 1).getPayload() instanceof WorkflowCompleted).toList();
    }

    @Test
    void shouldRunManyWorkflowsOfEveryTypeAtOnce() {
        assertTrue(finishedWorkflows().size() > 200, "finished " + finishedWorkflows().size());
        assertEquals(Set.of("rnaseq", "etl", "ml-train"), byWorkflow.values().stream()
                .map(events -> events.get(0).getWorkflowType()).collect(Collectors.toSet()));
        long concurrentAtNoon = byWorkflow.values().stream().filter(events ->
                events.get(0).getTimestamp().isBefore(SimulationTest.START.plus(Duration.ofHours(12)))
                        && events.get(events.size() - 1).getTimestamp().isAfter(SimulationTest.START.plus(Duration.ofHours(12))))
                .count();
        assertTrue(concurrentAtNoon > 5, "concurrent " + concurrentAtNoon);
    }

    @Test
    void shouldSubmitStartAndCompleteEveryActionInThatOrderWithinItsWorkflow() {
        for (List<WorkflowEvent> events : finishedWorkflows()) {
            assertInstanceOf(WorkflowCreated.class, events.get(0).getPayload());
            Map<String, ActionSubmitted> submitted = new HashMap<>();
            Map<String, ActionStarted> running = new HashMap<>();
            for (WorkflowEvent event : events.subList(1, events.size() - 1)) {
                if (event.getPayload() instanceof ActionSubmitted submit) {
                    assertFalse(submitted.containsKey(submit.getActionId()));
                    submitted.put(submit.getActionId(), submit);
                } else if (event.getPayload() instanceof ActionStarted started) {
                    assertEquals(submitted.remove(started.getActionId()).getRequested(), started.getRequested(),
                            "started after its submit, with the same request");
                    assertFalse(running.containsKey(started.getActionId()));
                    running.put(started.getActionId(), started);
                } else {
                    ActionCompleted completed = (ActionCompleted) event.getPayload();
                    assertEquals(running.remove(completed.getActionId()).getActionType(), completed.getActionType());
                }
            }
            assertTrue(running.isEmpty());
            assertTrue(submitted.isEmpty());
        }
    }

    @Test
    void shouldFitSuccessfulActionsInTheirRequestWithPositiveUsage() {
        for (List<WorkflowEvent> events : byWorkflow.values()) {
            Map<String, ResourceUsage> requested = new HashMap<>();
            for (WorkflowEvent event : events) {
                if (event.getPayload() instanceof ActionStarted started) {
                    requested.put(started.getActionId(), started.getRequested());
                } else if (event.getPayload() instanceof ActionCompleted completed) {
                    ResourceUsage actual = completed.getActual();
                    ResourceUsage asked = requested.get(completed.getActionId());
                    assertTrue(actual.getCpuCores() > 0 && actual.getCpuCores() <= asked.getCpuCores());
                    assertTrue(actual.getMemoryMb() > 0 && actual.getMemoryMb() <= asked.getMemoryMb());
                    assertTrue(actual.getDurationMs() > 0 && actual.getNetworkMb() > 0 && actual.getCost() > 0);
                }
            }
        }
    }

    @Test
    void shouldOverProvisionTypicalActionsAndRetryTheOnesThatRunOutOfMemory() {
        List<ActionCompleted> completions = byWorkflow.values().stream().flatMap(List::stream)
                .filter(event -> event.getPayload() instanceof ActionCompleted)
                .map(event -> (ActionCompleted) event.getPayload()).toList();
        long killed = completions.stream().filter(completed -> !completed.getSucceeded()).count();

        assertTrue(killed > 0 && killed < completions.size() * 0.05, "killed " + killed + " of " + completions.size());
        List<ActionStarted> retries = byWorkflow.values().stream().flatMap(List::stream)
                .filter(event -> event.getPayload() instanceof ActionStarted started && started.getActionId().endsWith("-2"))
                .map(event -> (ActionStarted) event.getPayload()).toList();
        assertFalse(retries.isEmpty());
        Map<String, Double> firstRequestByType = new HashMap<>();
        byWorkflow.values().stream().flatMap(List::stream)
                .filter(event -> event.getPayload() instanceof ActionStarted started && started.getActionId().endsWith("-1"))
                .forEach(event -> {
                    ActionStarted started = (ActionStarted) event.getPayload();
                    firstRequestByType.put(started.getActionType(), started.getRequested().getMemoryMb());
                });
        retries.forEach(retry -> assertEquals(2 * firstRequestByType.get(retry.getActionType()), retry.getRequested().getMemoryMb()));
        double medianMemoryShare = completions.stream().filter(ActionCompleted::getSucceeded)
                .mapToDouble(completed -> completed.getActual().getMemoryMb() / firstRequestByType.get(completed.getActionType()))
                .sorted().skip(completions.size() / 2).findFirst().orElseThrow();
        assertTrue(medianMemoryShare < 0.6, "median share of the memory request used " + medianMemoryShare);
    }
}
