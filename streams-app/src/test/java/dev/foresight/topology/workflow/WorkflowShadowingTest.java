package dev.foresight.topology.workflow;

import dev.foresight.domain.workflow.AllocationPlanner;
import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.domain.workflow.InterventionPolicy;
import dev.foresight.domain.workflow.PoolCapacity;
import dev.foresight.domain.workflow.PoolSettings;
import dev.foresight.domain.workflow.Shadows;
import dev.foresight.domain.workflow.WorkflowCommands;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowStatus;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologyFixture;
import dev.foresight.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.foresight.topology.TopologyFixture.START;
import static dev.foresight.topology.workflow.WorkflowEvents.completed;
import static dev.foresight.topology.workflow.WorkflowEvents.created;
import static dev.foresight.topology.workflow.WorkflowEvents.finished;
import static dev.foresight.topology.workflow.WorkflowEvents.started;
import static dev.foresight.topology.workflow.WorkflowEvents.startedRequesting;
import static dev.foresight.topology.workflow.WorkflowEvents.submittedRequesting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


class WorkflowShadowingTest {

    /** Without the look-ahead, so the tests of sizing see only the commands of sizing. */
    private static final WorkflowSettings SIZING = WorkflowSettings.defaults().withLookAhead(Duration.ZERO);
    /** 3 of its 4 cores for a new type would ask an operator: these tests are of the pool's own verdicts. */
    private static final WorkflowSettings TINY_POOL = SIZING.withPools(PoolSettings.single(new PoolCapacity(4, 4096)))
            .withIntervention(InterventionPolicy.off());
    private static final double CONFIDENT = 0.9;
    private static final double UNSURE = 0.2;

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, WorkflowEvent> workflows;
    private TestOutputTopic<String, AllocationCommand> allocations;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, ShadowWorkflow> summaries;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldArchiveTheOldestFinishedActionsOfALongWorkflowAndKeepTheOpenOnes() {
        open(SIZING, CONFIDENT);
        send(started("wf-1", "open", "load", START));
        int finished = Shadows.MAX_FINISHED_ACTIONS + 20;
        for (int i = 0; i < finished; i++) {
            send(completed("wf-1", "a-" + i, "extract", START.plusMillis(100L * (i + 1)), 1, 512));
        }

        ShadowWorkflow shadow = shadowStore().get("wf-1");
        assertEquals(20, shadow.getArchivedActions());
        List<String> kept = shadow.getActions().stream().map(ShadowAction::getActionId).toList();
        assertEquals(Shadows.MAX_FINISHED_ACTIONS + 1, kept.size());
        assertTrue(kept.contains("open"), "an action still running is never archived");
        assertFalse(kept.contains("a-19"), "the oldest finished actions go first");
        assertTrue(kept.contains("a-20"));
    }

    @Test
    void shouldMirrorEveryActionOfAWorkflowInTheShadowStore() {
        open(SIZING, CONFIDENT);
        send(created("wf-1", START));
        send(started("wf-1", "a-1", "extract", START.plusSeconds(10)));
        send(completed("wf-1", "a-1", "extract", START.plusSeconds(70), 1, 512));
        send(started("wf-1", "a-2", "load", START.plusSeconds(80)));

        ShadowWorkflow shadow = shadowStore().get("wf-1");
        assertEquals(ShadowStatus.RUNNING, shadow.getStatus());
        assertEquals(START, shadow.getCreatedAt());
        assertEquals(START.plusSeconds(80), shadow.getUpdatedAt());
        assertEquals(List.of("a-1", "a-2"), shadow.getActions().stream().map(ShadowAction::getActionId).toList());
        ShadowAction first = shadow.getActions().get(0);
        assertEquals(512, first.getActual().getMemoryMb());
        assertEquals(START.plusSeconds(70), first.getEndedAt());
        assertNotNull(first.getError());
        ShadowAction second = shadow.getActions().get(1);
        assertEquals(START.plusSeconds(80), second.getStartedAt());
        assertNotNull(second.getPrediction());
        assertNull(second.getActual());
    }

    @Test
    void shouldReserveTheModelsUpperBoundWhenTheModelIsConfident() {
        open(SIZING, CONFIDENT);
        run("wf-1", "a-1", "extract", START, 2, 1000);

        send(started("wf-2", "b-1", "extract", START.plusSeconds(120)));

        AllocationCommand reserve = last(AllocationAction.RESERVE);
        assertEquals("wf-2/b-1", reserve.getTarget());
        assertEquals(2.4, reserve.getResources().getCpuCores(), 1e-9, "prediction plus 20% headroom");
        assertEquals(1200, reserve.getResources().getMemoryMb(), 1e-9);
        assertEquals(AllocationPlanner.MODEL, reserve.getDecision().getMadeBy());
        assertEquals("mean-test", reserve.getDecision().getVersion());
        assertEquals(CONFIDENT, reserve.getDecision().getConfidence());
        assertEquals(0.7, reserve.getDecision().getThresholds().get("confidence"));
        assertEquals(START.plusSeconds(120).plus(Duration.ofHours(2)), reserve.getExpiresAt());
    }

    @Test
    void shouldReserveThe95thPercentileOfRecentUsagePlusHeadroomWhenTheModelIsUnsure() {
        open(SIZING, UNSURE);
        for (int i = 1; i <= 5; i++) {
            run("wf-" + i, "a-1", "extract", START.plusSeconds(i), 1, 100 * i);
        }

        send(started("wf-6", "b-1", "extract", START.plusSeconds(200)));

        AllocationCommand reserve = last(AllocationAction.RESERVE);
        assertEquals("fallback-p95", reserve.getDecision().getMadeBy());
        assertEquals(600, reserve.getResources().getMemoryMb(), 1e-9, "p95 500 plus 20% headroom");
        assertEquals(UNSURE, reserve.getDecision().getConfidence());
        assertTrue(reserve.getDecision().getExplanation().contains("0.20 <= 0.70"), reserve.getDecision().getExplanation());
    }

    @Test
    void shouldReserveWhatTheActionRequestedWhenTheModelIsUnsureAndHistoryIsShort() {
        open(SIZING, UNSURE);
        send(startedRequesting("wf-1", "a-1", "extract", START, 3, 3000));

        AllocationCommand reserve = last(AllocationAction.RESERVE);
        assertEquals(AllocationPlanner.FALLBACK_REQUESTED, reserve.getDecision().getMadeBy());
        assertEquals(3000, reserve.getResources().getMemoryMb(), 1e-9);
    }

    @Test
    void shouldReserveOnlyOnceForARepeatedStart() {
        open(SIZING, UNSURE);
        send(started("wf-1", "a-1", "extract", START));
        send(started("wf-1", "a-1", "extract", START.plusSeconds(1)));

        assertEquals(1, allocations.readValuesToList().size());
    }

    @Test
    void shouldReleaseTheReservationWhenTheActionCompletes() {
        open(SIZING, UNSURE);
        send(startedRequesting("wf-1", "a-1", "extract", START, 2, 2048));
        send(completed("wf-1", "a-1", "extract", START.plusSeconds(60), 2, 2000));

        List<AllocationCommand> commands = allocations.readValuesToList();
        assertEquals(List.of(AllocationAction.RESERVE, AllocationAction.RELEASE),
                commands.stream().map(AllocationCommand::getAction).toList());
        AllocationCommand release = commands.get(1);
        assertEquals("wf-1/a-1", release.getTarget());
        assertEquals(2048, release.getResources().getMemoryMb(), 1e-9, "releases what was held");
        assertEquals("action completed", release.getDecision().getExplanation());
    }

    @Test
    void shouldReserveAtSubmitAndLetTheStartConfirmWithoutReservingAgain() {
        open(SIZING, UNSURE);
        send(submittedRequesting("wf-1", "a-1", "extract", START, 2, 2048));
        AllocationCommand reserve = last(AllocationAction.RESERVE);
        send(startedRequesting("wf-1", "a-1", "extract", START.plusSeconds(40), 2, 2048));

        assertEquals("wf-1/a-1", reserve.getTarget());
        assertEquals(START, reserve.getIssuedAt(), "sized when submitted");
        assertTrue(allocations.isEmpty(), "the start only confirms what the submit reserved");
        ShadowAction action = shadowStore().get("wf-1").getActions().get(0);
        assertEquals(START.plusSeconds(40), action.getStartedAt());
        assertEquals(START, action.getPrediction().getMadeAt());
    }

    @Test
    void shouldSizeAtSubmitFromWhatCompletedBeforeTheSubmitAndLearnAtCompletion() {
        open(SIZING, UNSURE);
        send(submittedRequesting("wf-1", "a-1", "extract", START, 1, 4096));
        send(completed("wf-1", "a-1", "extract", START.plusSeconds(30), 1, 1000));
        send(submittedRequesting("wf-1", "a-2", "extract", START.plusSeconds(31), 1, 4096));

        List<AllocationCommand> reserves = allocations.readValuesToList().stream()
                .filter(c -> c.getAction() == AllocationAction.RESERVE).toList();
        assertEquals(4096, reserves.get(0).getResources().getMemoryMb(), 1e-9, "nothing had completed: the request");
        assertEquals(1200, reserves.get(1).getResources().getMemoryMb(), 1e-9, "learned from a-1: p95 1000 + 20%");
    }

    @Test
    void shouldStillReserveAtTheStartForAProducerThatSendsNoSubmits() {
        open(SIZING, UNSURE);
        send(startedRequesting("wf-1", "a-1", "extract", START, 2, 2048));

        assertEquals(START, last(AllocationAction.RESERVE).getIssuedAt());
    }

    @Test
    void shouldPrewarmTheForecastNextActionsAndConvertThemWhenTheyAreSubmitted() {
        open(WorkflowSettings.defaults(), UNSURE);
        learnExtractThenLoad();
        assertTrue(allocations.readValuesToList().stream().noneMatch(c -> c.getAction() == AllocationAction.PREWARM),
                "nothing to foresee before a sequence was learned");

        send(submittedRequesting("wf-2", "b-1", "extract", START.plusSeconds(120), 1, 4096));
        AllocationCommand prewarm = last(AllocationAction.PREWARM);
        send(submittedRequesting("wf-2", "b-2", "load", START.plusSeconds(150), 1, 4096));
        List<AllocationCommand> after = allocations.readValuesToList();

        assertEquals("wf-2/" + WorkflowCommands.PREWARM_ACTION, prewarm.getTarget());
        assertEquals(3000, prewarm.getResources().getMemoryMb(), 1e-9, "load follows extract and peaked at 3000 MiB");
        assertEquals(10.0, prewarm.getAmount(), 1e-9, "horizon in minutes");
        assertEquals(1.0, prewarm.getDecision().getInputs().get("forecast.count.load"), 1e-9);
        assertEquals(WorkflowCommands.LOOK_AHEAD, prewarm.getDecision().getMadeBy());
        AllocationCommand reserve = after.stream().filter(c -> c.getAction() == AllocationAction.RESERVE).findFirst()
                .orElseThrow();
        assertEquals("wf-2/b-2", reserve.getTarget());
        assertEquals(3000, reserve.getDecision().getInputs().get("pool.prewarmConvertedMemoryMb"), 1e-9,
                "the load that was foreseen takes the capacity held for it");
    }

    @Test
    void shouldReleaseWhatIsStillPrewarmedWhenTheWorkflowEnds() {
        open(WorkflowSettings.defaults(), UNSURE);
        learnExtractThenLoad();
        send(submittedRequesting("wf-2", "b-1", "extract", START.plusSeconds(120), 1, 4096));
        allocations.readValuesToList();

        send(finished("wf-2", START.plusSeconds(130)));

        assertTrue(allocations.readValuesToList().stream().anyMatch(c -> c.getAction() == AllocationAction.RELEASE
                && c.getTarget().equals("wf-2/" + WorkflowCommands.PREWARM_ACTION)
                && c.getResources().getMemoryMb() == 3000));
    }

    @Test
    void shouldRejectWithAReasonRatherThanOverCommitThePool() {
        open(TINY_POOL, UNSURE);
        send(startedRequesting("wf-1", "a-1", "extract", START, 3, 1024));
        send(startedRequesting("wf-2", "b-1", "extract", START.plusSeconds(1), 2, 1024));

        List<AllocationCommand> commands = allocations.readValuesToList();
        assertEquals(AllocationAction.RESERVE, commands.get(0).getAction());
        AllocationCommand reject = commands.get(1);
        assertEquals(AllocationAction.REJECT, reject.getAction());
        assertEquals("wf-2/b-1", reject.getTarget());
        assertEquals(WorkflowCommands.POOL, reject.getDecision().getMadeBy());
        assertTrue(reject.getDecision().getExplanation().startsWith("pool default has 1.00 of 4.00 cores"),
                reject.getDecision().getExplanation());
    }

    @Test
    void shouldGrantAgainOnceAReleaseFreedTheCapacity() {
        open(TINY_POOL, UNSURE);
        send(startedRequesting("wf-1", "a-1", "extract", START, 3, 1024));
        send(completed("wf-1", "a-1", "extract", START.plusSeconds(30), 3, 1000));
        send(startedRequesting("wf-2", "b-1", "extract", START.plusSeconds(31), 2, 1024));

        assertEquals(List.of(AllocationAction.RESERVE, AllocationAction.RELEASE, AllocationAction.RESERVE),
                allocations.readValuesToList().stream().map(AllocationCommand::getAction).toList());
    }

    @Test
    void shouldAlertWithExpectedAndActualWhenUsageDeviatesBeyondTheBound() {
        open(SIZING, UNSURE);
        send(startedRequesting("wf-1", "a-1", "extract", START, 1, 1024));
        send(completed("wf-1", "a-1", "extract", START.plusSeconds(60), 1, 4096));

        Alert alert = alerts.readValue();
        assertEquals("prediction-deviation", alert.getKind());
        assertEquals("wf-1", alert.getSubject(), "the run is the subject, so one run's deviations are one incident");
        assertEquals(1024, alert.getExpected(), 1e-9);
        assertEquals(4096, alert.getActual(), 1e-9);
        assertEquals(AlertSeverity.CRITICAL, alert.getSeverity(), "the action used more memory than was reserved");
        assertTrue(alert.getMessage().startsWith("memoryMb of action wf-1/a-1"), alert.getMessage());
    }

    @Test
    void shouldNotAlertWhenUsageIsWithinTheBound() {
        open(SIZING, UNSURE);
        send(startedRequesting("wf-1", "a-1", "extract", START, 1, 1024));
        send(completed("wf-1", "a-1", "extract", START.plusSeconds(60), 0.9, 900));

        assertTrue(alerts.isEmpty());
    }

    @Test
    void shouldPublishTheFinalShadowWhenTheWorkflowCompletes() {
        open(SIZING, UNSURE);
        send(created("wf-1", START));
        run("wf-1", "a-1", "extract", START.plusSeconds(1), 1, 100);
        send(finished("wf-1", START.plusSeconds(120)));

        ShadowWorkflow summary = summaries.readValue();
        assertEquals(ShadowStatus.SUCCEEDED, summary.getStatus());
        assertEquals(START.plusSeconds(120), summary.getCompletedAt());
        assertEquals(1, summary.getActions().size());
        assertEquals(100, summary.getActions().get(0).getActual().getMemoryMb(), 1e-9);
        assertNotNull(shadowStore().get("wf-1"), "stays queryable during its retention");
    }

    @Test
    void shouldDeleteAFinishedShadowOnceStreamTimePassesItsRetention() {
        open(SIZING, UNSURE);
        send(created("wf-1", START));
        send(finished("wf-1", START.plusSeconds(60)));

        Instant later = START.plusSeconds(60).plus(Duration.ofHours(1)).plusSeconds(60);
        fixture.driver().advanceWallClockTime(Duration.between(START, later));
        send(created("wf-2", later));

        assertNull(shadowStore().get("wf-1"));
        assertNotNull(shadowStore().get("wf-2"));
    }

    @Test
    void shouldCloseASilentShadowAsAbandonedAndReleaseWhatItHolds() {
        WorkflowSettings wallClock = new WorkflowSettings(AllocationPolicy.defaults(), PoolSettings.defaults(), 0.5,
                Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME,
                100, Duration.ofSeconds(30), Duration.ZERO, RunRepositorySettings.defaults(),
                InterventionPolicy.defaults());
        open(wallClock, UNSURE);
        send(startedRequesting("wf-1", "a-1", "extract", START, 1, 1024));

        fixture.driver().advanceWallClockTime(Duration.ofHours(25));

        ShadowWorkflow summary = summaries.readValue();
        assertEquals(ShadowStatus.ABANDONED, summary.getStatus());
        assertNull(shadowStore().get("wf-1"));
        List<AllocationCommand> releases = allocations.readValuesToList().stream()
                .filter(c -> c.getAction() == AllocationAction.RELEASE).toList();
        assertEquals(1, releases.size());
        assertEquals("wf-1/a-1", releases.get(0).getTarget());
    }

    @Test
    void shouldReleaseAReservationThatOutlivesItsTtl() {
        PoolSettings shortTtl = new PoolSettings(PoolSettings.defaults().capacities(), java.util.Map.of(), "default",
                Duration.ofMinutes(10));
        open(SIZING.withPools(shortTtl), UNSURE);
        send(startedRequesting("wf-1", "a-1", "extract", START, 1, 1024));

        fixture.driver().advanceWallClockTime(Duration.ofMinutes(15));
        send(startedRequesting("wf-2", "b-1", "extract", START.plus(Duration.ofMinutes(15)), 1, 1024));

        AllocationCommand release = last(AllocationAction.RELEASE);
        assertEquals("wf-1/a-1", release.getTarget());
        assertTrue(release.getDecision().getExplanation().startsWith("reservation expired"),
                release.getDecision().getExplanation());
    }

    @Test
    void shouldNameEveryStoreProcessorAndRepartitionTopicOfTheFeature() {
        fixture = new TopologyFixture(WorkflowTopology.of(WorkflowSettings.defaults(), UNSURE), stateDir);
        String description = new ForesightTopology(AvroSerdes.bundled(), TopologySettings.defaults(),
                () -> new MeanPredictor(UNSURE)).build().describe().toString();

        for (String store : List.of(WorkflowShadowing.SHADOW_STORE, WorkflowShadowing.HISTORY_STORE,
                WorkflowShadowing.MODEL_STORE, WorkflowShadowing.POOL_STORE, WorkflowShadowing.RUNS_STORE,
                WorkflowShadowing.RUN_INDEX_STORE)) {
            assertTrue(description.contains(store), store);
        }
        assertTrue(description.contains(WorkflowShadowing.BY_POOL + "-repartition"));
        assertTrue(description.contains(WorkflowShadowing.RUNS_BY_TYPE + "-repartition"));
        assertTrue(description.contains("workflow-shadow") && description.contains("workflow-reserve"));
        assertFalse(description.contains("KSTREAM-"), "no generated processor names");
    }

    private void open(WorkflowSettings settings, double confidence) {
        fixture = new TopologyFixture(WorkflowTopology.of(settings, confidence), stateDir);
        workflows = fixture.input(Topics.WORKFLOWS);
        allocations = fixture.output(Topics.ALLOCATIONS);
        alerts = fixture.output(Topics.ALERTS);
        summaries = fixture.output(Topics.WORKFLOW_SHADOWS);
    }

    private void send(WorkflowEvent event) {
        workflows.pipeInput(event.getWorkflowId(), event, event.getTimestamp());
    }

    /** One run that submits extract, then load a minute later (peak 3000 MiB): a sequence to foresee. */
    private void learnExtractThenLoad() {
        send(submittedRequesting("wf-1", "a-1", "extract", START, 1, 4096));
        send(completed("wf-1", "a-1", "extract", START.plusSeconds(30), 1, 1000));
        send(submittedRequesting("wf-1", "a-2", "load", START.plusSeconds(60), 1, 4096));
        send(completed("wf-1", "a-2", "load", START.plusSeconds(90), 1, 3000));
    }

    private void run(String workflowId, String actionId, String type, Instant start, double cpu, double memoryMb) {
        send(started(workflowId, actionId, type, start));
        send(completed(workflowId, actionId, type, start.plusSeconds(30), cpu, memoryMb));
    }

    private AllocationCommand last(AllocationAction action) {
        List<AllocationCommand> matching = allocations.readValuesToList().stream()
                .filter(c -> c.getAction() == action).toList();
        assertFalse(matching.isEmpty(), "no " + action + " command");
        return matching.get(matching.size() - 1);
    }

    private KeyValueStore<String, ShadowWorkflow> shadowStore() {
        return fixture.driver().getKeyValueStore(WorkflowShadowing.SHADOW_STORE);
    }
}
