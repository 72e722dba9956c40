package dev.foresight.topology.workflow;

import static dev.foresight.topology.TopologyFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.domain.workflow.Shadows;
import dev.foresight.schema.state.ShadowStatus;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** A new repository processor over the stores an earlier one left behind, as after a restart or rebalance. */
class RunRepositoryProcessorTest {

    private static final WorkflowSettings TWO_RUNS =
            WorkflowSettings.defaults().withRuns(new RunRepositorySettings(Duration.ofDays(30), 2));

    private final AvroSerdes serdes = AvroSerdes.bundled();
    private final KeyValueStore<String, ShadowWorkflow> runs = store(WorkflowShadowing.RUNS_STORE, serdes.valueSerde());
    private final KeyValueStore<String, String> index = store(WorkflowShadowing.RUN_INDEX_STORE, Serdes.String());

    @Test
    void shouldKeepTheCapAfterARestartByCountingWhatTheStoreHolds() {
        RunRepositoryProcessor before = open();
        before.process(run("wf-1", START));
        before.process(run("wf-2", START.plusSeconds(60)));

        open().process(run("wf-3", START.plusSeconds(120)));

        assertEquals(List.of("wf-2", "wf-3"), runIds());
    }

    @Test
    void shouldReplaceARunSeenAgainUnderTheSameId() {
        RunRepositoryProcessor processor = open();
        processor.process(run("wf-1", START));
        processor.process(run("wf-1", START.plus(Duration.ofHours(3))));
        processor.process(run("wf-2", START.plus(Duration.ofHours(4))));

        assertEquals(List.of("wf-1", "wf-2"), runIds(), "one entry per id, so the cap of two keeps both");
    }

    private RunRepositoryProcessor open() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        context.addStateStore(runs);
        context.addStateStore(index);
        RunRepositoryProcessor processor = new RunRepositoryProcessor(TWO_RUNS);
        processor.init(context);
        return processor;
    }

    private List<String> runIds() {
        List<String> ids = new ArrayList<>();
        try (var all = runs.all()) {
            all.forEachRemaining(kv -> ids.add(kv.value.getWorkflowId()));
        }
        return ids;
    }

    private static Record<String, ShadowWorkflow> run(String workflowId, Instant finished) {
        ShadowWorkflow shadow = Shadows.create(workflowId, WorkflowEvents.TYPE, finished.minusSeconds(30));
        shadow.setStatus(ShadowStatus.SUCCEEDED);
        shadow.setCompletedAt(finished);
        return new Record<>(WorkflowEvents.TYPE, shadow, finished.toEpochMilli());
    }

    private static <V> KeyValueStore<String, V> store(String name, Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), serde).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }
}
