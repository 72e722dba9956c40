package dev.foresight.topology.workflow;

import dev.foresight.domain.workflow.AllocationPlanner;
import dev.foresight.domain.workflow.Interventions;
import dev.foresight.domain.workflow.PoolCapacity;
import dev.foresight.domain.workflow.PoolSettings;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.InterventionRequest;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.OperatorDecision;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.ManualIntervention;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.topics.Topics;
import dev.foresight.topology.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.foresight.topology.TopologyFixture.START;
import static dev.foresight.topology.workflow.WorkflowEvents.TYPE;
import static dev.foresight.topology.workflow.WorkflowEvents.completed;
import static dev.foresight.topology.workflow.WorkflowEvents.finished;
import static dev.foresight.topology.workflow.WorkflowEvents.submittedRequesting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reservations nobody can vouch for wait for an operator, or for the timeout. Default pool: 64 cores, 256 GiB. */
class ManualInterventionTest {

    private static final WorkflowSettings SETTINGS = WorkflowSettings.defaults().withLookAhead(Duration.ZERO);

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private TestInputTopic<String, WorkflowEvent> workflows;
    private TestOutputTopic<String, AllocationCommand> allocations;
    private TestOutputTopic<String, InterventionRequest> interventions;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldAskAnOperatorInsteadOfReservingANewActionTypeThatWantsMostOfThePool() {
        open(SETTINGS);
        send(submittedRequesting("wf-1", "a-1", "assemble", START, 48, 4096));

        assertTrue(allocations.isEmpty(), "nothing is reserved while the operator decides");
        InterventionRequest request = interventions.readValue();
        assertEquals("wf-1", request.getWorkflowId());
        assertEquals("a-1", request.getActionId());
        assertEquals(48, request.getProposed().getCpuCores());
        assertEquals(START.plus(Duration.ofMinutes(15)), request.getDeadline(), "wall clock of the submit + timeout");
        assertTrue(request.getReason().contains("75% of pool default"), request.getReason());
        assertEquals(AllocationPlanner.FALLBACK_REQUESTED, request.getDecision().getMadeBy());
        assertTrue(request.getDecision().getEvidence().containsKey("action.requested"));
        ManualIntervention pending = shadow("wf-1").getActions().get(0).getIntervention();
        assertNull(pending.getOutcome());
    }

    @Test
    void shouldReserveWhatTheOperatorApprovedWhenTheirDecisionArrives() {
        open(SETTINGS);
        send(submittedRequesting("wf-1", "a-1", "assemble", START, 48, 4096));
        send(decision("wf-1", "a-1", true, new ResourceUsage(8.0, 4096.0, 0.0, 0.0, 0L), START.plusSeconds(60)));

        AllocationCommand reserve = allocations.readValue();
        assertEquals(AllocationAction.RESERVE, reserve.getAction());
        assertEquals(8, reserve.getResources().getCpuCores());
        assertEquals(Interventions.OPERATOR, reserve.getDecision().getMadeBy());
        assertTrue(reserve.getDecision().getExplanation().startsWith("approved by alice with their own resources"),
                reserve.getDecision().getExplanation());
        ManualIntervention decided = shadow("wf-1").getActions().get(0).getIntervention();
        assertEquals(Interventions.APPROVED, decided.getOutcome());
        assertEquals("alice", decided.getDecidedBy());
        assertEquals(8, shadow("wf-1").getActions().get(0).getPrediction().getAllocated().getCpuCores());
    }

    /** What {@code explain} shows of a decided reservation: the request it answered and who answered. */
    @Test
    void shouldNameTheRequestAndTheOperatorInTheEvidenceOfAnAnsweredReservation() {
        open(SETTINGS);
        send(submittedRequesting("wf-1", "a-1", "assemble", START, 48, 4096));
        String requestId = interventions.readValue().getRequestId();
        send(decision("wf-1", "a-1", false, null, START.plusSeconds(60)));

        Map<String, String> evidence = allocations.readValue().getDecision().getEvidence();
        assertEquals(requestId, evidence.get("intervention.request"));
        assertEquals(Interventions.DENIED + " by alice", evidence.get("intervention.outcome"));
        assertEquals("wf-1 (" + TYPE + ")", evidence.get("shadow.workflow"), evidence.toString());
    }

    @Test
    void shouldRejectTheReservationWhenTheOperatorDenies() {
        open(SETTINGS);
        send(submittedRequesting("wf-1", "a-1", "assemble", START, 48, 4096));
        send(decision("wf-1", "a-1", false, null, START.plusSeconds(60)));

        AllocationCommand reject = allocations.readValue();
        assertEquals(AllocationAction.REJECT, reject.getAction());
        assertEquals("wf-1/a-1", reject.getTarget());
        assertEquals(Interventions.OPERATOR, reject.getDecision().getMadeBy());
        assertEquals(Interventions.DENIED, shadow("wf-1").getActions().get(0).getIntervention().getOutcome());
        assertNull(shadow("wf-1").getActions().get(0).getPrediction());
    }

    @Test
    void shouldFallBackToTheRulesOnceTheTimeoutPassesAndIgnoreALateAnswer() {
        open(SETTINGS);
        send(submittedRequesting("wf-1", "a-1", "assemble", START, 48, 4096));

        fixture.clockAt(START.plus(Duration.ofMinutes(14)));
        assertTrue(allocations.isEmpty(), "still waiting before the deadline");
        fixture.clockAt(START.plus(Duration.ofMinutes(15)).plusSeconds(5));
        AllocationCommand reserve = allocations.readValue();
        assertEquals(AllocationAction.RESERVE, reserve.getAction());
        assertEquals(AllocationPlanner.FALLBACK_REQUESTED, reserve.getDecision().getMadeBy());
        assertEquals(48, reserve.getResources().getCpuCores());
        assertTrue(reserve.getDecision().getExplanation().startsWith("no operator answered within PT15M"),
                reserve.getDecision().getExplanation());
        assertEquals(Interventions.TIMED_OUT, shadow("wf-1").getActions().get(0).getIntervention().getOutcome());

        send(decision("wf-1", "a-1", false, null, START.plus(Duration.ofMinutes(16))));
        assertTrue(allocations.isEmpty(), "the first decision stands");
    }

    @Test
    void shouldAskWhenEvenTheHistoryRuleWantsMoreThanThePoolHolds() {
        open(SETTINGS.withPools(PoolSettings.single(new PoolCapacity(8, 65_536))));
        send(submittedRequesting("wf-1", "a-1", "align", START, 4, 1024));
        send(completed("wf-1", "a-1", "align", START.plusSeconds(30), 7.5, 1000));
        allocations.readValuesToList();

        send(submittedRequesting("wf-1", "a-2", "align", START.plusSeconds(60), 4, 1024));

        InterventionRequest request = interventions.readValue();
        assertEquals("a-2", request.getActionId());
        assertEquals("fallback-p95", request.getDecision().getMadeBy());
        assertTrue(request.getReason().contains("more than pool default holds"), request.getReason());
        assertTrue(allocations.isEmpty());
    }

    @Test
    void shouldNotAskForANewActionTypeThatWantsLittleOfThePool() {
        open(SETTINGS);
        send(submittedRequesting("wf-1", "a-1", "assemble", START, 4, 4096));

        assertEquals(AllocationAction.RESERVE, allocations.readValue().getAction());
        assertTrue(interventions.isEmpty());
    }

    @Test
    void shouldWithdrawTheRequestWhenTheActionCompletesBeforeAnyoneAnswers() {
        open(SETTINGS);
        send(submittedRequesting("wf-1", "a-1", "assemble", START, 48, 4096));
        send(completed("wf-1", "a-1", "assemble", START.plusSeconds(60), 2, 1000));
        send(finished("wf-1", START.plusSeconds(61)));

        fixture.clockAt(START.plus(Duration.ofMinutes(20)));
        List<AllocationCommand> commands = allocations.readValuesToList();
        assertTrue(commands.stream().noneMatch(c -> c.getAction() == AllocationAction.RESERVE), commands.toString());
        assertEquals(Interventions.WITHDRAWN, shadow("wf-1").getActions().get(0).getIntervention().getOutcome());
    }

    private void open(WorkflowSettings settings) {
        fixture = new TopologyFixture(WorkflowTopology.of(settings, 0.2), stateDir);
        workflows = fixture.input(Topics.WORKFLOWS);
        allocations = fixture.output(Topics.ALLOCATIONS);
        interventions = fixture.output(Topics.WORKFLOW_INTERVENTIONS);
    }

    private static WorkflowEvent decision(String workflowId, String actionId, boolean approved, ResourceUsage resources,
                                          Instant at) {
        return WorkflowEvent.newBuilder().setEventId(workflowId + "-decision-" + actionId + "-" + at.toEpochMilli())
                .setWorkflowId(workflowId).setWorkflowType(TYPE).setTimestamp(at)
                .setPayload(new OperatorDecision(actionId, approved, resources, "alice", "checked the input size"))
                .build();
    }

    /** As a live producer sends it: ingest refuses events from too far in the future of the wall clock. */
    private void send(WorkflowEvent event) {
        fixture.clockAt(event.getTimestamp());
        workflows.pipeInput(event.getWorkflowId(), event, event.getTimestamp());
    }

    private ShadowWorkflow shadow(String workflowId) {
        return fixture.driver().<String, ShadowWorkflow>getKeyValueStore(WorkflowShadowing.SHADOW_STORE).get(workflowId);
    }
}
