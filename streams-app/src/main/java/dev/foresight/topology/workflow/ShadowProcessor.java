package dev.foresight.topology.workflow;

import dev.foresight.domain.workflow.AllocationPlan;
import dev.foresight.domain.workflow.AllocationPlanner;
import dev.foresight.domain.workflow.DemandForecast;
import dev.foresight.domain.workflow.DemandForecaster;
import dev.foresight.domain.workflow.Deviations;
import dev.foresight.domain.workflow.Interventions;
import dev.foresight.domain.workflow.Resources;
import dev.foresight.domain.workflow.ShadowEvidence;
import dev.foresight.domain.workflow.Shadows;
import dev.foresight.domain.workflow.UsageQuantiles;
import dev.foresight.domain.workflow.WorkflowCommands;
import dev.foresight.metrics.ForesightMetrics;
import dev.foresight.predict.workflow.ActionObservation;
import dev.foresight.predict.workflow.NextActionPredictor;
import dev.foresight.predict.workflow.ResourcePrediction;
import dev.foresight.schema.commands.InterventionRequest;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.OperatorDecision;
import dev.foresight.schema.events.WorkflowCompleted;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.schema.state.ActionPrediction;
import dev.foresight.schema.state.PredictionError;
import dev.foresight.schema.state.ShadowAction;
import dev.foresight.schema.state.ShadowStatus;
import dev.foresight.schema.state.ShadowWorkflow;
import dev.foresight.schema.state.UsageWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors each workflow into its shadow, plans an allocation when an action is submitted (or, from a
 * producer that sends no submits, when it starts), learns when it completes, and closes shadows that
 * finished or went silent. One instance per stream task, with that
 * task's own predictor (see {@link WorkflowShadowing} for why).
 *
 * <p>A plan that neither the model nor history vouches for ({@code InterventionPolicy}) is not reserved: the
 * action waits for an operator's OperatorDecision, kept pending in {@value WorkflowShadowing#INTERVENTION_STORE}
 * until it arrives, the action completes, or the wall-clock deadline passes and the rules decide.
 */
final class ShadowProcessor implements Processor<String, WorkflowEvent, String, ShadowOutput> {

    static final String MODEL_KEY = "model";

    private static final Logger LOG = LoggerFactory.getLogger(ShadowProcessor.class);
    private static final double LOOK_AHEAD_COVERAGE = 0.8;
    private static final int MAX_PREWARMED = 10_000;
    private static final Duration INTERVENTION_CHECK = Duration.ofSeconds(5);

    private final WorkflowSettings settings;
    private final Supplier<NextActionPredictor> predictors;
    private final AllocationPlanner planner;
    private final DemandForecaster forecaster = new DemandForecaster(LOOK_AHEAD_COVERAGE);
    private final Map<String, Double> prewarmed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
            return size() > MAX_PREWARMED;
        }
    };
    private NextActionPredictor predictor;
    private ForesightMetrics metrics;
    private ProcessorContext<String, ShadowOutput> context;
    private KeyValueStore<String, ShadowWorkflow> shadows;
    private KeyValueStore<String, UsageWindow> history;
    private KeyValueStore<String, byte[]> models;
    private KeyValueStore<String, InterventionRequest> interventions;
    private int learnedSinceCheckpoint;

    /** @param predictors a new, untrained predictor per call */
    ShadowProcessor(WorkflowSettings settings, Supplier<NextActionPredictor> predictors) {
        this.settings = settings;
        this.predictors = predictors;
        this.planner = new AllocationPlanner(settings.allocation());
    }

    @Override
    public void init(ProcessorContext<String, ShadowOutput> context) {
        this.context = context;
        shadows = context.getStateStore(WorkflowShadowing.SHADOW_STORE);
        history = context.getStateStore(WorkflowShadowing.HISTORY_STORE);
        models = context.getStateStore(WorkflowShadowing.MODEL_STORE);
        interventions = context.getStateStore(WorkflowShadowing.INTERVENTION_STORE);
        predictor = restoredPredictor(models.get(MODEL_KEY));
        metrics = ForesightMetrics.from(context.appConfigs());
        predictor.onTrained(took -> metrics.training(AllocationPlanner.MODEL, took));
        context.schedule(settings.sweepInterval(), settings.sweepClock(), this::sweep);
        context.schedule(settings.checkpointInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            if (learnedSinceCheckpoint > 0) {
                checkpoint();
            }
        });
        // wall clock: the waiting workflow may send nothing until it is answered, so its partition's stream
        // time need not move, and the operator it waits for lives by the wall clock too
        context.schedule(INTERVENTION_CHECK, PunctuationType.WALL_CLOCK_TIME, this::timeOut);
    }

    @Override
    public void process(Record<String, WorkflowEvent> record) {
        WorkflowEvent event = record.value();
        Instant at = event.getTimestamp();
        ShadowWorkflow shadow = shadows.get(record.key());
        if (shadow == null) {
            // any event opens the shadow: a lost or late WorkflowCreated must not hide the workflow
            shadow = Shadows.create(event.getWorkflowId(), event.getWorkflowType(), at);
        }
        Shadows.touch(shadow, at);
        Object payload = event.getPayload();
        if (payload instanceof WorkflowCreated created) {
            shadow.setExpectedActions(created.getExpectedActions());
        } else if (payload instanceof ActionSubmitted submitted) {
            reserve(shadow, Shadows.mirror(shadow, submitted.getActionId(), submitted.getActionType()),
                    submitted.getRequested(), at, record);
        } else if (payload instanceof ActionStarted started) {
            started(shadow, started, at, record);
        } else if (payload instanceof ActionCompleted completed) {
            completed(shadow, completed, at, record);
        } else if (payload instanceof OperatorDecision decision) {
            decided(shadow, decision, at, record.timestamp());
        } else if (payload instanceof WorkflowCompleted done) {
            finish(shadow, done.getSucceeded() ? ShadowStatus.SUCCEEDED : ShadowStatus.FAILED, at,
                    "workflow completed", record.timestamp());
        }
        Shadows.archiveOldest(shadow);
        shadows.put(record.key(), shadow);
    }

    /** Checkpoints what was learned since the last checkpoint, then frees the predictor (e.g. its training thread). */
    @Override
    public void close() {
        if (learnedSinceCheckpoint > 0) {
            checkpoint();
        }
        release(predictor);
    }

    /**
     * A checkpoint this version cannot read (an older format, other network settings, corruption) must
     * not stop the task for good: the model starts over and the next checkpoint replaces the old one.
     */
    private NextActionPredictor restoredPredictor(byte[] checkpoint) {
        NextActionPredictor restored = predictors.get();
        if (checkpoint == null) {
            return restored;
        }
        try {
            restored.restore(checkpoint);
            return restored;
        } catch (RuntimeException e) {
            LOG.warn("Workflow model checkpoint of task {} is unreadable ({}); the model starts untrained",
                    context.taskId(), e.toString());
            release(restored);
            return predictors.get();
        }
    }

    private static void release(NextActionPredictor predictor) {
        if (predictor instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the workflow predictor", e);
            }
        }
    }

    /** A start confirms the reservation made at submit; without a submit before it, it is the moment to reserve. */
    private void started(ShadowWorkflow shadow, ActionStarted started, Instant at, Record<String, ?> record) {
        ShadowAction action = Shadows.mirror(shadow, started.getActionId(), started.getActionType());
        if (action.getEndedAt() == null && action.getStartedAt() == null) {
            action.setStartedAt(at);
        }
        reserve(shadow, action, started.getRequested(), at, record);
    }

    /** The pre-emptive step: the reservation is requested before the action runs, from what completed by now. */
    private void reserve(ShadowWorkflow shadow, ShadowAction action, ResourceUsage requested, Instant at,
                         Record<String, ?> record) {
        if (action.getPrediction() != null || action.getEndedAt() != null || action.getIntervention() != null) {
            return; // reserved at submit, a repeat, after the completion, or an operator's to decide
        }
        action.setRequested(requested);
        String type = shadow.getWorkflowType();
        List<ActionObservation> history = Shadows.historyBefore(shadow, action.getActionId(), at);
        AllocationPlan plan = plan(shadow, action, history);
        String pool = settings.pools().poolOf(type);
        Optional<ShadowAction> previous = Shadows.lastSized(shadow);
        Map<String, String> evidence = ShadowEvidence.of(shadow, action, history);
        Optional<String> needsOperator = settings.intervention().reason(plan, pool,
                settings.pools().capacities().get(pool));
        if (needsOperator.isPresent()) {
            askOperator(shadow, action, plan, pool, needsOperator.get(), evidence, at, record.timestamp());
        } else {
            grant(shadow, action, plan, pool, evidence, at, record.timestamp());
        }
        if (lookingAhead()) {
            forecaster.submitted(type, previous.map(ShadowAction::getActionType).orElse(null), action.getActionType(),
                    previous.map(p -> at.toEpochMilli() - p.getPrediction().getMadeAt().toEpochMilli()).orElse(0L));
            prewarm(shadow, action.getActionType(), pool, at, record.timestamp());
        }
    }

    private AllocationPlan plan(ShadowWorkflow shadow, ShadowAction action, List<ActionObservation> history) {
        ResourcePrediction prediction = predictor.predict(shadow.getWorkflowType(), history, action.getActionType());
        return planner.plan(prediction, recentUsage(shadow.getWorkflowType(), action.getActionType()),
                Optional.ofNullable(action.getRequested()).map(Resources::of));
    }

    private void grant(ShadowWorkflow shadow, ShadowAction action, AllocationPlan plan, String pool,
                       Map<String, String> evidence, Instant at, long timestamp) {
        action.setPrediction(Shadows.prediction(plan, pool, at));
        context.forward(new Record<>(pool, new ShadowOutput.PoolRequest(WorkflowCommands.reserve(
                shadow.getWorkflowId(), action.getActionId(), plan, evidence, at)), timestamp));
    }

    /** Nothing is reserved yet: the action waits for an operator, or for the deadline (wall clock). */
    private void askOperator(ShadowWorkflow shadow, ShadowAction action, AllocationPlan plan, String pool,
                             String reason, Map<String, String> evidence, Instant at, long timestamp) {
        Instant deadline = Instant.ofEpochMilli(context.currentSystemTimeMs()).plus(settings.intervention().timeout());
        InterventionRequest request = Interventions.request(shadow, action, plan, pool, reason, evidence, at, deadline);
        interventions.put(interventionKey(shadow.getWorkflowId(), action.getActionId()), request);
        action.setIntervention(Interventions.pending(request));
        context.forward(new Record<>(WorkflowCommands.target(shadow.getWorkflowId(), action.getActionId()),
                new ShadowOutput.InterventionNeeded(request), timestamp));
    }

    /** The first answer to a pending request decides; a later one, or one nobody asked for, changes nothing. */
    private void decided(ShadowWorkflow shadow, OperatorDecision decision, Instant at, long timestamp) {
        String key = interventionKey(shadow.getWorkflowId(), decision.getActionId());
        InterventionRequest request = interventions.get(key);
        if (request == null) {
            return;
        }
        interventions.delete(key);
        ShadowAction action = Shadows.mirror(shadow, request.getActionId(), request.getActionType());
        Interventions.decided(action, decision.getApproved() ? Interventions.APPROVED : Interventions.DENIED,
                decision.getOperator(), at);
        if (decision.getApproved()) {
            grant(shadow, action, Interventions.approved(request, Optional.ofNullable(decision.getResources())
                    .map(Resources::of), decision.getOperator(), decision.getReason()), request.getPool(),
                    Interventions.evidence(request, Interventions.APPROVED, decision.getOperator()), at, timestamp);
        } else {
            context.forward(new Record<>(request.getPool(), new ShadowOutput.PoolRequest(Interventions.denied(
                    request, decision.getOperator(), decision.getReason(), at)), timestamp));
        }
    }

    /** Unanswered past their deadline: the allocation rules decide as they stand now, without asking again. */
    private void timeOut(long now) {
        Instant wall = Instant.ofEpochMilli(now);
        List<InterventionRequest> due = new ArrayList<>();
        try (KeyValueIterator<String, InterventionRequest> all = interventions.all()) {
            all.forEachRemaining(kv -> {
                if (!kv.value.getDeadline().isAfter(wall)) {
                    due.add(kv.value);
                }
            });
        }
        for (InterventionRequest request : due) {
            interventions.delete(interventionKey(request.getWorkflowId(), request.getActionId()));
            ShadowWorkflow shadow = shadows.get(request.getWorkflowId());
            if (shadow == null) {
                continue;
            }
            ShadowAction action = Shadows.mirror(shadow, request.getActionId(), request.getActionType());
            Interventions.decided(action, Interventions.TIMED_OUT, WorkflowCommands.SHADOW, wall);
            AllocationPlan plan = plan(shadow, action, Shadows.historyBefore(shadow, action.getActionId(), wall));
            grant(shadow, action, Interventions.unanswered(plan, settings.intervention().timeout()), request.getPool(),
                    request.getDecision().getEvidence(), wall, now);
            shadows.put(request.getWorkflowId(), shadow);
        }
    }

    /** An action that completed, or a workflow that ended, before its operator answered needs no answer. */
    private void withdraw(ShadowWorkflow shadow, ShadowAction action, Instant at) {
        if (action.getIntervention() != null && action.getIntervention().getOutcome() == null) {
            interventions.delete(interventionKey(shadow.getWorkflowId(), action.getActionId()));
            Interventions.decided(action, Interventions.WITHDRAWN, WorkflowCommands.SHADOW, at);
        }
    }

    private boolean lookingAhead() {
        return !settings.lookAhead().isZero();
    }

    /**
     * Replaces the capacity held for what the run is forecast to submit next with the newest forecast, at
     * every submit: the pool has meanwhile converted part of the old one into the reservations it foresaw.
     */
    private void prewarm(ShadowWorkflow shadow, String lastType, String pool, Instant at, long timestamp) {
        DemandForecast forecast = forecaster.forecast(shadow.getWorkflowType(), lastType, 0,
                settings.lookAhead().toMillis());
        if (forecast.memoryMb() == 0 && prewarmed.getOrDefault(shadow.getWorkflowId(), 0.0) == 0) {
            return;
        }
        prewarmed.put(shadow.getWorkflowId(), forecast.memoryMb());
        context.forward(new Record<>(pool, new ShadowOutput.PoolRequest(
                WorkflowCommands.prewarm(shadow.getWorkflowId(), shadow.getWorkflowType(), forecast, at)), timestamp));
    }

    private void completed(ShadowWorkflow shadow, ActionCompleted completed, Instant at, Record<String, ?> record) {
        ShadowAction action = Shadows.mirror(shadow, completed.getActionId(), completed.getActionType());
        if (action.getActual() != null) {
            return; // a repeated completion must not be learned twice
        }
        boolean wasHolding = action.getPrediction() != null && action.getEndedAt() == null;
        withdraw(shadow, action, at);
        action.setEndedAt(at);
        action.setSucceeded(completed.getSucceeded());
        action.setActual(completed.getActual());
        Resources actual = Resources.of(completed.getActual());
        // the model learns from what it saw when it predicted: the run as it was at the submit
        Instant sized = action.getPrediction() != null ? action.getPrediction().getMadeAt()
                : action.getStartedAt() != null ? action.getStartedAt() : at;
        List<ActionObservation> before = Shadows.historyBefore(shadow, action.getActionId(), sized);
        predictor.learn(shadow.getWorkflowType(), before, actual.observed(action.getActionType()));
        remember(shadow.getWorkflowType(), action.getActionType(), completed);
        forecaster.completed(shadow.getWorkflowType(), action.getActionType(), actual.memoryMb());
        ActionPrediction prediction = action.getPrediction();
        if (prediction != null) {
            PredictionError error = Deviations.of(Resources.of(prediction.getExpected()), actual);
            action.setError(error);
            metrics.predictionError(prediction.getMadeBy(), error.getWorst());
            if (Math.abs(error.getWorst()) > settings.deviationBound()) {
                var alert = WorkflowCommands.deviation(shadow.getWorkflowId(), action.getActionId(), prediction,
                        actual, error, settings.deviationBound(), at);
                context.forward(new Record<>(alert.getSubject(), new ShadowOutput.DeviationAlert(alert),
                        record.timestamp()));
            }
        }
        if (wasHolding) {
            release(shadow, action, at, "action completed", record.timestamp());
        }
        if (++learnedSinceCheckpoint >= settings.checkpointEvery()) {
            checkpoint();
        }
    }

    private void finish(ShadowWorkflow shadow, ShadowStatus status, Instant at, String why, long timestamp) {
        if (shadow.getStatus() != ShadowStatus.RUNNING) {
            return;
        }
        shadow.setStatus(status);
        shadow.setCompletedAt(at);
        for (ShadowAction open : Shadows.holdingReservations(shadow)) {
            release(shadow, open, at, why, timestamp);
        }
        shadow.getActions().forEach(action -> withdraw(shadow, action, at));
        if (prewarmed.remove(shadow.getWorkflowId()) != null) {
            context.forward(new Record<>(settings.pools().poolOf(shadow.getWorkflowType()), new ShadowOutput.PoolRequest(
                    WorkflowCommands.release(shadow.getWorkflowId(), WorkflowCommands.PREWARM_ACTION, at,
                            WorkflowCommands.LOOK_AHEAD, why)), timestamp));
        }
        context.forward(new Record<>(shadow.getWorkflowId(), new ShadowOutput.Summary(shadow), timestamp));
    }

    private void release(ShadowWorkflow shadow, ShadowAction action, Instant at, String why, long timestamp) {
        context.forward(new Record<>(action.getPrediction().getPool(), new ShadowOutput.PoolRequest(
                WorkflowCommands.release(shadow.getWorkflowId(), action.getActionId(), at, WorkflowCommands.SHADOW,
                        why)), timestamp));
    }

    private List<Resources> recentUsage(String workflowType, String actionType) {
        UsageWindow window = history.get(historyKey(workflowType, actionType));
        return window == null ? List.of() : window.getSamples().stream().map(Resources::of).toList();
    }

    private void remember(String workflowType, String actionType, ActionCompleted completed) {
        String key = historyKey(workflowType, actionType);
        UsageWindow window = history.get(key);
        history.put(key, new UsageWindow(UsageQuantiles.appendBounded(
                window == null ? List.of() : window.getSamples(), completed.getActual(),
                settings.allocation().historyWindow())));
    }

    /** Deletes finished shadows past their retention; closes silent ones as abandoned and releases what they hold. */
    private void sweep(long now) {
        Instant nowInstant = Instant.ofEpochMilli(now);
        List<KeyValue<String, ShadowWorkflow>> due = new ArrayList<>();
        try (KeyValueIterator<String, ShadowWorkflow> all = shadows.all()) {
            all.forEachRemaining(kv -> {
                if (Shadows.isDue(kv.value, nowInstant, settings.completedRetention(), settings.abandonedAfter())) {
                    due.add(kv);
                }
            });
        }
        for (KeyValue<String, ShadowWorkflow> kv : due) {
            finish(kv.value, ShadowStatus.ABANDONED, nowInstant, "workflow abandoned", now);
            shadows.delete(kv.key);
        }
    }

    private void checkpoint() {
        models.put(MODEL_KEY, predictor.checkpoint());
        learnedSinceCheckpoint = 0;
    }

    private static String interventionKey(String workflowId, String actionId) {
        return workflowId + '\u001f' + actionId;
    }

    static String historyKey(String workflowType, String actionType) {
        // a separator no id contains, so ("a/b", "c") and ("a", "b/c") stay apart
        return workflowType + '\u001f' + actionType;
    }
}
