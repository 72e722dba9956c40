package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.predict.workflow.ActionObservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProposalTableTest {

    private static final long HOUR = 3_600_000;

    /** Proposes how many completions it has seen, and records what each task saw. */
    private static final class CountingSizer implements MemorySizer {

        final Map<String, List<String>> sawAtSubmit = new HashMap<>();
        final List<String> learned = new ArrayList<>();

        @Override
        public List<String> names() {
            return List.of("counting");
        }

        @Override
        public double[] proposeMb(TraceTask task, List<ActionObservation> completed) {
            sawAtSubmit.put(task.process(), completed.stream().map(ActionObservation::actionType).toList());
            return new double[] {100.0 * (1 + completed.size())};
        }

        @Override
        public void learn(TraceTask task, List<ActionObservation> completedBeforeSubmit) {
            learned.add(task.process());
        }
    }

    private static TraceTask task(String type, long submitMs, long completeMs, double peakMb) {
        return new TraceTask(type, 1024, peakMb, 1, completeMs - submitMs, 0, submitMs, completeMs);
    }

    @Test
    void shouldSizeAtSubmitFromTheTasksCompletedBeforeTheSubmitOnly() {
        CountingSizer sizer = new CountingSizer();
        WorkflowRun run = new WorkflowRun("one", "test", List.of(
                task("C", 2 * HOUR, 3 * HOUR, 50),
                task("A", 0, HOUR, 50),
                task("B", HOUR / 2, 2 * HOUR, 50)), Map.of(), Map.of());

        ProposalTable table = ProposalTable.propose(run, List.of(sizer));

        assertEquals(List.of("A", "B", "C"), table.tasks().stream().map(TraceTask::process).toList());
        assertEquals(List.of(), sizer.sawAtSubmit.get("B"), "A was still running when B was submitted");
        assertEquals(List.of("A", "B"), sizer.sawAtSubmit.get("C"), "B completed at C's submit: counts as before");
        assertArrayEquals(new double[] {100}, table.proposals()[1]);
        assertArrayEquals(new double[] {300}, table.proposals()[2]);
        assertEquals(List.of("A", "B", "C"), sizer.learned);
    }

    @Test
    void shouldMarkATaskWarmOnlyOnceATaskOfItsTypeHasCompleted() {
        WorkflowRun run = new WorkflowRun("one", "test", List.of(
                task("A", 0, HOUR, 50), task("A", HOUR / 2, HOUR, 50), task("A", HOUR, 2 * HOUR, 50)), Map.of(), Map.of());

        ProposalTable table = ProposalTable.propose(run, List.of(new CountingSizer()));

        assertArrayEquals(new boolean[] {false, false, true}, table.warm());
    }

    @Test
    void shouldScoreAFixedMethodWithTheRetryRuleInGibHours() {
        WorkflowRun run = new WorkflowRun("one", "test", List.of(
                task("A", 0, HOUR, 50), task("B", 2 * HOUR, 3 * HOUR, 250)), Map.of(), Map.of());
        ProposalTable table = ProposalTable.propose(run, List.of(new CountingSizer()));

        MethodResult result = Scoring.fixed(table, "counting");

        assertEquals(1, result.underAllocations(), "B gets 200 against a peak of 250, then 400");
        assertEquals((50.0 + 200 + 150) / 1024, result.wastageGibHours(), 1e-9);
        assertEquals((50.0 + 200 + 150) / 1024, result.coldStartGibHours(), 1e-9, "neither type had history");
    }
}
