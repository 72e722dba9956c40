package dev.foresight.topology.workflow;

import dev.foresight.predict.workflow.NextActionPredictor;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.InterventionRequest;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.Reservation;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.schema.state.UsageWindow;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.Sinks;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Shadow workflows and predictive resource allocation.
 *
 * <p><b>Input:</b> validated {@code workflow.events.v1}, keyed by workflowId.
 * <b>Stores</b> (persistent, changelogged): {@value #SHADOW_STORE} (workflowId → ShadowWorkflow, queryable),
 * {@value #HISTORY_STORE} (workflowType/actionType → UsageWindow), {@value #MODEL_STORE} (model checkpoint
 * of the task), {@value #INTERVENTION_STORE} (workflowId/actionId → the InterventionRequest it waits on),
 * {@value #POOL_STORE} (pool/workflowId/actionId → Reservation), the run repository
 * {@value #RUNS_STORE} (workflowType/completedAt/workflowId → the final ShadowWorkflow, queryable) with its
 * {@value #RUN_INDEX_STORE} (by id and by expiry; see {@code RunKeys}).
 * <b>Repartitions:</b> {@value #BY_POOL}, {@value #RUNS_BY_TYPE} (finished runs by workflow type, so one task
 * answers a type's range queries).
 * <b>Outputs</b> ({@link WorkflowTopics}): {@code allocation.commands.v1} (RESERVE, REJECT, RELEASE; key workflowId/actionId),
 * {@code alerts.v1} (prediction-deviation; key workflowId/actionId), {@code workflow.shadows.v1}
 * (the final shadow of every finished or abandoned workflow; key workflowId), {@code workflow.interventions.v1}
 * (reservations an operator must decide; key workflowId/actionId; answered by an OperatorDecision event, else
 * decided by the allocation rules after the timeout).
 *
 * <p><b>When capacity is reserved.</b> On ActionStarted, from the history the workflow has completed so
 * far: the reservation is asked for as the action starts, before it ramps up to its resources. Predicting
 * one step earlier (at the previous ActionCompleted) would need the next action's type, which workflow
 * events do not announce.
 *
 * <p><b>One pool, one task.</b> Requests are re-keyed by pool id through {@value #BY_POOL}, so every
 * RESERVE and RELEASE of a pool is judged by one task in order and a pool can never over-commit, across
 * all instances. The price is one extra hop and a pool's throughput bounded by one task, which is ample:
 * judging a request is a map lookup (the model runs upstream, spread over all workflow partitions).
 * Splitting each pool's capacity over partitions instead would strand capacity on idle partitions.
 *
 * <p><b>One model per task.</b> Each stream task gets its own predictor from the factory, restores it
 * from its partition of {@value #MODEL_STORE} in {@code init()} and checkpoints it there (every
 * {@code checkpointEvery} learned actions, every {@code checkpointInterval}, and on close), in the same
 * exactly-once transaction as its outputs. A task moved by a rebalance resumes exactly where it stopped;
 * after a crash it resumes from its last checkpoint, at most one checkpoint period of learning behind.
 * Workflow ids hash uniformly over partitions, so every task's model
 * learns from a uniform sample of all workflow types. A single predictor shared by all tasks would learn
 * from all data, but its checkpoint could not be made consistent with any one task's offsets, it would
 * need locking across stream threads, and instances would still diverge.
 */
public final class WorkflowShadowing {

    public static final String SHADOW_STORE = "workflow-shadow-store";
    public static final String HISTORY_STORE = "workflow-history-store";
    public static final String MODEL_STORE = "workflow-model-store";
    public static final String POOL_STORE = "workflow-reservation-pool-store";
    public static final String BY_POOL = "workflow-reservations-by-pool";
    public static final String INTERVENTION_STORE = "workflow-intervention-store";
    public static final String RUNS_STORE = "workflow-runs-store";
    public static final String RUN_INDEX_STORE = "workflow-run-index-store";
    public static final String RUNS_BY_TYPE = "workflow-runs-by-type";

    private final WorkflowSettings settings;
    private final Supplier<NextActionPredictor> predictors;
    private final Serde<ShadowWorkflow> shadowSerde;
    private final Serde<AllocationCommand> commandSerde;
    private final Serde<UsageWindow> usageSerde;
    private final Serde<Reservation> reservationSerde;
    private final Serde<InterventionRequest> interventionSerde;
    private final WorkflowTopics topics;

    /** @param predictors called once per stream task */
    public WorkflowShadowing(AvroSerdes serdes, WorkflowSettings settings, Supplier<NextActionPredictor> predictors,
                             WorkflowTopics topics) {
        this.settings = settings;
        this.predictors = predictors;
        this.shadowSerde = serdes.valueSerde();
        this.commandSerde = serdes.valueSerde();
        this.usageSerde = serdes.valueSerde();
        this.reservationSerde = serdes.valueSerde();
        this.interventionSerde = serdes.valueSerde();
        this.topics = topics;
    }

    public void build(KStream<String, WorkflowEvent> workflows) {
        workflows.process(new ShadowSupplier(), Named.as("workflow-shadow"))
                .split(Named.as("workflow-output-"))
                .branch((key, out) -> out instanceof ShadowOutput.PoolRequest,
                        Branched.withConsumer(this::reserve, "pool-requests"))
                .branch((key, out) -> out instanceof ShadowOutput.DeviationAlert,
                        Branched.withConsumer(this::alert, "alerts"))
                .branch((key, out) -> out instanceof ShadowOutput.InterventionNeeded,
                        Branched.withConsumer(this::askOperators, "interventions"))
                .branch((key, out) -> out instanceof ShadowOutput.Summary,
                        Branched.withConsumer(this::summarize, "summaries"))
                .noDefaultBranch();
    }

    private void reserve(KStream<String, ShadowOutput> requests) {
        requests.mapValues(out -> ((ShadowOutput.PoolRequest) out).command(), Named.as("workflow-pool-request"))
                .repartition(Repartitioned.<String, AllocationCommand>as(BY_POOL)
                        .withKeySerde(Serdes.String()).withValueSerde(commandSerde))
                .process(new PoolSupplier(), Named.as("workflow-reserve"))
                .to(topics.allocations().name(), Sinks.produced(topics.allocations(), "workflow-allocation-sink"));
    }

    private void alert(KStream<String, ShadowOutput> alerts) {
        alerts.mapValues(out -> ((ShadowOutput.DeviationAlert) out).alert(), Named.as("workflow-deviation-alert"))
                .to(topics.alerts().name(), Sinks.produced(topics.alerts(), "workflow-alert-sink"));
    }

    private void askOperators(KStream<String, ShadowOutput> requests) {
        requests.mapValues(out -> ((ShadowOutput.InterventionNeeded) out).request(),
                        Named.as("workflow-intervention-request"))
                .to(topics.interventions().name(), Sinks.produced(topics.interventions(), "workflow-intervention-sink"));
    }

    private void summarize(KStream<String, ShadowOutput> summaries) {
        KStream<String, ShadowWorkflow> finished = summaries.mapValues(out -> ((ShadowOutput.Summary) out).shadow(),
                Named.as("workflow-summary"));
        finished.to(topics.shadows().name(), Sinks.produced(topics.shadows(), "workflow-shadow-sink"));
        finished.selectKey((workflowId, run) -> run.getWorkflowType(), Named.as("workflow-run-by-type"))
                .repartition(Repartitioned.<String, ShadowWorkflow>as(RUNS_BY_TYPE)
                        .withKeySerde(Serdes.String()).withValueSerde(shadowSerde))
                .process(new RunSupplier(), Named.as("workflow-runs-file"));
    }

    private final class ShadowSupplier implements ProcessorSupplier<String, WorkflowEvent, String, ShadowOutput> {

        @Override
        public Processor<String, WorkflowEvent, String, ShadowOutput> get() {
            return new ShadowProcessor(settings, predictors);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SHADOW_STORE), Serdes.String(), shadowSerde)
                            .withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE), Serdes.String(), usageSerde)
                            .withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MODEL_STORE), Serdes.String(),
                            Serdes.ByteArray()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INTERVENTION_STORE), Serdes.String(),
                            interventionSerde));
        }
    }

    private final class RunSupplier implements ProcessorSupplier<String, ShadowWorkflow, Void, Void> {

        @Override
        public Processor<String, ShadowWorkflow, Void, Void> get() {
            return new RunRepositoryProcessor(settings);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RUNS_STORE), Serdes.String(), shadowSerde),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RUN_INDEX_STORE), Serdes.String(),
                            Serdes.String()));
        }
    }

    private final class PoolSupplier implements ProcessorSupplier<String, AllocationCommand, String, AllocationCommand> {

        @Override
        public Processor<String, AllocationCommand, String, AllocationCommand> get() {
            return new ReservationPoolProcessor(settings);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POOL_STORE), Serdes.String(),
                    reservationSerde));
        }
    }
}
