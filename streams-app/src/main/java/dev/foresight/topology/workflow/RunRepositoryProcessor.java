package dev.foresight.topology.workflow;

import dev.foresight.domain.workflow.RunKeys;
import dev.foresight.domain.workflow.Shadows;
import dev.foresight.schema.state.ShadowWorkflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Files every finished run, keyed by workflow type, in the run repository ({@link RunKeys} gives the
 * layout): the run itself in {@value WorkflowShadowing#RUNS_STORE}, its id and expiry entries in
 * {@value WorkflowShadowing#RUN_INDEX_STORE}. A run seen again under the same id (a workflow id reused after its
 * shadow was deleted) replaces the older one. Deletes runs past their retention and, beyond
 * {@code maxRuns}, the oldest; the count is derived from the store in {@code init()}.
 */
final class RunRepositoryProcessor implements Processor<String, ShadowWorkflow, Void, Void> {

    private final WorkflowSettings settings;
    private KeyValueStore<String, ShadowWorkflow> runs;
    private KeyValueStore<String, String> index;
    private long count;

    RunRepositoryProcessor(WorkflowSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        runs = context.getStateStore(WorkflowShadowing.RUNS_STORE);
        index = context.getStateStore(WorkflowShadowing.RUN_INDEX_STORE);
        try (KeyValueIterator<String, String> all = index.range(RunKeys.firstExpiry(), RunKeys.expiryEnd())) {
            all.forEachRemaining(kv -> count++);
        }
        context.schedule(settings.sweepInterval(), settings.sweepClock(), now -> expire(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, ShadowWorkflow> record) {
        ShadowWorkflow run = record.value();
        String type = run.getWorkflowType();
        Instant completed = Shadows.finishedAt(run);
        String key = RunKeys.run(type, completed, run.getWorkflowId());
        String previous = index.get(RunKeys.byId(type, run.getWorkflowId()));
        if (previous != null && !previous.equals(key)) {
            ShadowWorkflow old = runs.get(previous);
            if (old != null) {
                delete(previous, old);
            }
        }
        if (runs.get(key) == null) {
            count++;
        }
        runs.put(key, run);
        index.put(RunKeys.byId(type, run.getWorkflowId()), key);
        index.put(RunKeys.expiry(type, completed, run.getWorkflowId()), key);
        trimToMaxRuns();
    }

    private void expire(Instant now) {
        deleteOldest(RunKeys.expiryFrom(now.minus(settings.runs().retention())), Long.MAX_VALUE);
    }

    private void trimToMaxRuns() {
        if (count > settings.runs().maxRuns()) {
            deleteOldest(RunKeys.expiryEnd(), count - settings.runs().maxRuns());
        }
    }

    /** Deletes up to {@code most} runs, oldest first, whose expiry key sorts below {@code before}. */
    private void deleteOldest(String before, long most) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> oldest = index.range(RunKeys.firstExpiry(), before)) {
            while (oldest.hasNext() && due.size() < most) {
                due.add(oldest.next());
            }
        }
        for (KeyValue<String, String> entry : due) {
            ShadowWorkflow run = runs.get(entry.value);
            index.delete(entry.key);
            if (run != null) {
                delete(entry.value, run);
            }
        }
    }

    private void delete(String key, ShadowWorkflow run) {
        runs.delete(key);
        index.delete(RunKeys.expiry(run.getWorkflowType(), Shadows.finishedAt(run), run.getWorkflowId()));
        String byId = RunKeys.byId(run.getWorkflowType(), run.getWorkflowId());
        if (key.equals(index.get(byId))) {
            index.delete(byId);
        }
        count--;
    }
}
