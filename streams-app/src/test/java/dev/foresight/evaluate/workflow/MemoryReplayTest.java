package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.predict.workflow.ActionObservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryReplayTest {

    private static final long HOUR = 3_600_000;

    /** Allocates a fixed amount and records what each task saw. */
    private static final class FixedSizer implements MemorySizer {

        private final double allocationMb;
        private final Map<String, List<String>> sawAtStart = new HashMap<>();
        private final Map<String, List<String>> learnedWith = new HashMap<>();

        FixedSizer(double allocationMb) {
            this.allocationMb = allocationMb;
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public double allocateMb(TraceTask task, List<ActionObservation> completed) {
            sawAtStart.put(task.process(), types(completed));
            return allocationMb;
        }

        @Override
        public void learn(TraceTask task, List<ActionObservation> completedBeforeStart) {
            learnedWith.put(task.process(), types(completedBeforeStart));
        }

        private static List<String> types(List<ActionObservation> actions) {
            return new ArrayList<>(actions.stream().map(ActionObservation::actionType).toList());
        }
    }

    @Test
    void shouldChargeTheOverAllocationForTheRuntime() {
        MethodResult result = MemoryReplay.replay(run(task("A", 0, HOUR, 1024)), new FixedSizer(2048));

        assertEquals(1.0, result.wastageGbHours(), 1e-9);
        assertEquals(0, result.underAllocations());
        assertEquals(1.0, result.maeGb(), 1e-9);
    }

    @Test
    void shouldRetryWithDoubleMemoryAndChargeEveryFailedAttemptInFull() {
        MethodResult result = MemoryReplay.replay(run(task("A", 0, HOUR, 1000)), new FixedSizer(300));

        assertEquals(2, result.underAllocations());
        assertEquals((300 + 600 + (1200 - 1000)) / 1024.0, result.wastageGbHours(), 1e-9);
    }

    @Test
    void shouldSizeFromCompletionsUpToTheStartMillisecondOnly() {
        FixedSizer sizer = new FixedSizer(10);
        MemoryReplay.replay(run(task("A", 0, 10, 1), task("B", 5, 20, 1), task("C", 10, 20, 1)), sizer);

        assertEquals(List.of(), sizer.sawAtStart.get("B"), "A was still running when B started");
        assertEquals(List.of("A"), sizer.sawAtStart.get("C"), "A completed in the millisecond C started");
    }

    @Test
    void shouldNotLetATaskWithoutRuntimeSeeItsOwnCompletion() {
        FixedSizer sizer = new FixedSizer(10);
        MemoryReplay.replay(run(task("A", 7, 7, 1)), sizer);

        assertEquals(List.of(), sizer.sawAtStart.get("A"));
    }

    @Test
    void shouldLearnWithTheHistoryTheTaskWasSizedFrom() {
        FixedSizer sizer = new FixedSizer(10);
        MemoryReplay.replay(run(task("A", 0, 10, 1), task("B", 5, 30, 1), task("C", 20, 25, 1)), sizer);

        assertEquals(List.of(), sizer.learnedWith.get("B"), "C completed while B ran, but B was sized before");
    }

    @Test
    void shouldCountWastageOfTasksStartedBeforeTheirTypeCompletedAsColdStart() {
        MethodResult result = MemoryReplay.replay(
                run(task("A", 0, HOUR, 1024), task("A", HOUR, 2 * HOUR, 1024)), new FixedSizer(2048));

        assertEquals(2.0, result.wastageGbHours(), 1e-9);
        assertEquals(1.0, result.coldStartGbHours(), 1e-9);
    }

    private static WorkflowRun run(TraceTask... tasks) {
        return new WorkflowRun("run", "test", List.of(tasks));
    }

    private static TraceTask task(String type, long start, long complete, double peakMb) {
        return new TraceTask(type, 4096, peakMb, 1, complete - start, 0, start, complete);
    }
}
