package dev.foresight.evaluate.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.workflow.SelectorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaveOneRunOutTest {

    private static final long HOUR = 3_600_000;

    /**
     * One type; "history" is right (peak 100) every time, "spiky" is right except for rare long spikes it
     * sizes far too low. A window of 1 forgets a spike at once and trusts "spiky" again; a long window
     * does not. With a spike every fourth task the long window is far better; on the run with one early
     * spike and a long calm after it, the short window is.
     */
    private static ProposalTable run(String name, boolean oneEarlySpike) {
        return run(name, name, oneEarlySpike);
    }

    private static ProposalTable run(String name, String workflowType, boolean oneEarlySpike) {
        List<TraceTask> tasks = new ArrayList<>();
        double[][] proposals = new double[40][];
        boolean[] warm = new boolean[40];
        int[] events = new int[80];
        for (int i = 0; i < 40; i++) {
            boolean spike = oneEarlySpike ? i == 3 : i % 4 == 3;
            tasks.add(new TraceTask("A", 1000, spike ? 400 : 100, 1, spike ? 10 * HOUR : HOUR, 0, i * 20 * HOUR,
                    i * 20 * HOUR + HOUR));
            proposals[i] = new double[] {1000, spike ? 400 : 110, 100};
            warm[i] = i > 0;
            events[2 * i] = i;
            events[2 * i + 1] = -1 - i;
        }
        WorkflowRun run = new WorkflowRun(name, workflowType, "test", tasks, Map.of(), Map.of());
        return new ProposalTable(run, List.of("requested", "history", "spiky"), tasks, proposals, warm, events);
    }

    @Test
    void shouldNeverChooseTheSettingOfARunByLookingAtIt() {
        List<SelectorSettings> grid = List.of(new SelectorSettings(1, 0, 0), new SelectorSettings(16, 0, 0));
        List<ProposalTable> tables = List.of(run("one-spike", true), run("spiky-1", false), run("spiky-2", false));

        List<MethodResult> results = LeaveOneRunOut.score(tables, grid);

        MethodResult held = results.stream().filter(r -> r.workflow().equals("one-spike")
                && r.method().equals(Scoring.SELECTED)).findFirst().orElseThrow();
        MethodResult shortWindow = Scoring.selected(tables.get(0), grid.get(0), List.of());
        assertEquals(grid.get(1).toString(), held.setting(), "chosen on the two other runs");
        assertTrue(shortWindow.wastageGibHours() < held.wastageGibHours(),
                "the setting that fits the held-out run best was there to pick, and was not picked");
    }

    @Test
    void shouldChooseTheSettingOfARunOnOtherWorkflowTypesOnly() {
        List<SelectorSettings> grid = List.of(new SelectorSettings(16, 0, 0), new SelectorSettings(1, 0, 0));
        List<ProposalTable> tables = List.of(run("pipe-1", "pipe", false), run("pipe-2", "pipe", false),
                run("other", true));

        List<MethodResult> results = LeaveOneRunOut.score(tables, grid);

        MethodResult held = results.stream().filter(r -> r.workflow().equals("pipe-1")
                && r.method().equals(Scoring.SELECTED)).findFirst().orElseThrow();
        assertEquals(grid.get(1).toString(), held.setting(), "chosen on the one-spike run of the other type, "
                + "not on pipe-2, which pipe-1 was replayed after");
    }

    @Test
    void shouldStartARunFromTheRecordOfItsWorkflowTypesEarlierRuns() {
        ProposalTable earlier = run("pipe-1", "pipe", false);
        ProposalTable later = run("pipe-2", "pipe", false);
        SelectorSettings setting = new SelectorSettings(16, 0, 0);

        MethodResult alone = Scoring.selected(later, setting, List.of());
        MethodResult pooled = Scoring.selected(later, setting, List.of(earlier));

        assertEquals(2L, alone.decisions().get("requested"), "its first task, with nothing learned, and its second, "
                + "with no task sized with history completed yet");
        assertTrue(!pooled.decisions().containsKey("requested"), "the first run taught it better: " + pooled.decisions());
        assertTrue(pooled.wastageGibHours() < alone.wastageGibHours());
        assertEquals(40, pooled.tasks(), "the earlier run's tasks are learned from, not scored");
    }
}
