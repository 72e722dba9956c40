package dev.foresight.topology.workflow;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.workflow.AllocationPlanner;
import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.domain.workflow.InterventionPolicy;
import dev.foresight.domain.workflow.Interventions;
import dev.foresight.domain.workflow.PoolSettings;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.events.OperatorDecision;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new processor with a new, untrained predictor over the stores an earlier one left behind: what a
 * task restarted or moved by a rebalance sees once its changelogs are restored.
 */
class ShadowProcessorRestartTest {

    private final AvroSerdes serdes = AvroSerdes.bundled();
    private KeyValueStore<String, ?> shadows;
    private KeyValueStore<String, ?> history;
    private KeyValueStore<String, byte[]> models;
    private KeyValueStore<String, ?> interventions;

    @BeforeEach
    void setUp() {
        shadows = store(WorkflowShadowing.SHADOW_STORE, serdes.valueSerde());
        history = store(WorkflowShadowing.HISTORY_STORE, serdes.valueSerde());
        models = store(WorkflowShadowing.MODEL_STORE, Serdes.ByteArray());
        interventions = store(WorkflowShadowing.INTERVENTION_STORE, serdes.valueSerde());
    }

    @Test
    void shouldHonourAnOperatorsAnswerToARequestMadeBeforeTheRestart() {
        MockProcessorContext<String, ShadowOutput> asked = new MockProcessorContext<>();
        asked.setCurrentSystemTimeMs(START.toEpochMilli());
        open(WorkflowSettings.defaults(), asked)
                .process(record(WorkflowEvents.submittedRequesting("wf-1", "a-1", "assemble", START, 48, 4096)));
        assertTrue(asked.forwarded().get(0).record().value() instanceof ShadowOutput.InterventionNeeded);

        MockProcessorContext<String, ShadowOutput> answered = new MockProcessorContext<>();
        open(WorkflowSettings.defaults(), answered).process(record(WorkflowEvent.newBuilder()
                .setEventId("decision").setWorkflowId("wf-1").setWorkflowType(WorkflowEvents.TYPE)
                .setTimestamp(START.plusSeconds(60))
                .setPayload(new OperatorDecision("a-1", true, null, "alice", null)).build()));

        AllocationCommand reserve = ((ShadowOutput.PoolRequest) answered.forwarded().get(0).record().value()).command();
        assertEquals(Interventions.OPERATOR, reserve.getDecision().getMadeBy());
        assertEquals(48, reserve.getResources().getCpuCores(), 1e-9, "the proposal, kept across the restart");
    }

    @Test
    void shouldPredictWithTheRestoredModelAfterRestart() {
        ShadowProcessor before = open(WorkflowSettings.defaults(), new MockProcessorContext<>());
        before.process(record(WorkflowEvents.completed("wf-1", "a-1", "extract", START, 2, 1000)));
        before.close();

        MockProcessorContext<String, ShadowOutput> context = new MockProcessorContext<>();
        ShadowProcessor after = open(WorkflowSettings.defaults(), context);
        after.process(record(WorkflowEvents.started("wf-2", "b-1", "extract", START.plusSeconds(60))));

        AllocationCommand reserve = ((ShadowOutput.PoolRequest) context.forwarded().get(0).record().value()).command();
        assertEquals(AllocationPlanner.MODEL, reserve.getDecision().getMadeBy(), "an untrained model has no confidence");
        assertEquals(1200, reserve.getResources().getMemoryMb(), 1e-9);
    }

    @Test
    void shouldCheckpointTheModelEveryConfiguredNumberOfLearnedActions() {
        WorkflowSettings everyTwo = new WorkflowSettings(AllocationPolicy.defaults(), PoolSettings.defaults(), 0.5,
                Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(1),
                WorkflowSettings.defaults().sweepClock(), 2, Duration.ofSeconds(30), Duration.ZERO,
                RunRepositorySettings.defaults(),
                InterventionPolicy.defaults());
        ShadowProcessor processor = open(everyTwo, new MockProcessorContext<>());

        processor.process(record(WorkflowEvents.completed("wf-1", "a-1", "extract", START, 2, 1000)));
        assertNull(models.get(ShadowProcessor.MODEL_KEY));
        processor.process(record(WorkflowEvents.completed("wf-1", "a-2", "extract", START.plusSeconds(1), 2, 1000)));
        assertNotNull(models.get(ShadowProcessor.MODEL_KEY));
    }

    @Test
    void shouldStartUntrainedWhenTheCheckpointIsUnreadable() {
        models.put(ShadowProcessor.MODEL_KEY, new byte[] {0, 0, 0, 99, 1});

        MockProcessorContext<String, ShadowOutput> context = new MockProcessorContext<>();
        ShadowProcessor processor = open(WorkflowSettings.defaults(), context);
        processor.process(record(WorkflowEvents.completed("wf-1", "a-1", "extract", START, 2, 1000)));
        processor.close();

        assertDoesNotThrow(() -> new MeanPredictor(0.9).restore(models.get(ShadowProcessor.MODEL_KEY)),
                "the unreadable checkpoint was replaced by a readable one");
        MockProcessorContext<String, ShadowOutput> next = new MockProcessorContext<>();
        open(WorkflowSettings.defaults(), next)
                .process(record(WorkflowEvents.started("wf-2", "b-1", "extract", START.plusSeconds(60))));
        AllocationCommand reserve = ((ShadowOutput.PoolRequest) next.forwarded().get(0).record().value()).command();
        assertEquals(1200, reserve.getResources().getMemoryMb(), 1e-9, "what was learned after the reset survives");
    }

    private ShadowProcessor open(WorkflowSettings settings, MockProcessorContext<String, ShadowOutput> context) {
        for (KeyValueStore<String, ?> store : List.of(shadows, history, models, interventions)) {
            context.addStateStore(store);
        }
        ShadowProcessor processor = new ShadowProcessor(settings, () -> new MeanPredictor(0.9));
        processor.init(context);
        return processor;
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), serde).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    private static Record<String, WorkflowEvent> record(WorkflowEvent event) {
        return new Record<>(event.getWorkflowId(), event, event.getTimestamp().toEpochMilli());
    }
}
