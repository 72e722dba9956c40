package dev.foresight.topology.workflow;

import dev.foresight.domain.workflow.PoolLedger;
import dev.foresight.domain.workflow.PoolSettings;
import dev.foresight.domain.workflow.WorkflowCommands;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.state.Reservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Grants or rejects RESERVE requests against a pool's capacity and turns RELEASE requests into
 * releases of what is actually held. Input is keyed by pool id, so one task sees every request of a
 * pool. Output is keyed by the command's target.
 *
 * <p>A PREWARM holds what a workflow is forecast to submit soon, as far as the pool has room (it is never
 * rejected, only trimmed), until its horizon passes, a newer forecast replaces it, or the workflow ends; a
 * RESERVE of that workflow is first served from it (the pre-warmed capacity is converted), so the forecast
 * makes room for the actions it foresaw instead of competing with them.
 *
 * <p>The store holds one {@link Reservation} per held action; the totals per pool are derived from it
 * in {@link #init} and kept in memory, so they are always what the (changelogged) store says.
 */
final class ReservationPoolProcessor implements Processor<String, AllocationCommand, String, AllocationCommand> {

    private final PoolSettings settings;
    private final WorkflowSettings workflow;
    private ProcessorContext<String, AllocationCommand> context;
    private KeyValueStore<String, Reservation> reservations;
    private PoolLedger ledger;

    ReservationPoolProcessor(WorkflowSettings workflow) {
        this.workflow = workflow;
        this.settings = workflow.pools();
    }

    @Override
    public void init(ProcessorContext<String, AllocationCommand> context) {
        this.context = context;
        reservations = context.getStateStore(WorkflowShadowing.POOL_STORE);
        ledger = new PoolLedger(settings.capacities());
        try (KeyValueIterator<String, Reservation> all = reservations.all()) {
            all.forEachRemaining(kv -> ledger.hold(kv.value.getPoolId(), kv.value.getCpuCores(), kv.value.getMemoryMb()));
        }
        context.schedule(workflow.sweepInterval(), workflow.sweepClock(), now -> expire(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, AllocationCommand> record) {
        AllocationCommand command = record.value();
        String key = key(record.key(), command.getTarget());
        if (command.getAction() == AllocationAction.RESERVE) {
            reserve(record.key(), key, command);
        } else if (command.getAction() == AllocationAction.PREWARM) {
            prewarm(record.key(), key, command);
        } else if (command.getAction() == AllocationAction.REJECT) {
            emit(command); // an operator's refusal: nothing to hold, the executor hears it in order with the rest
        } else if (command.getAction() == AllocationAction.RELEASE) {
            Reservation held = reservations.get(key);
            if (held != null) {
                release(key, held, command.getIssuedAt(), command.getDecision());
            }
        }
    }

    private void reserve(String pool, String key, AllocationCommand command) {
        if (reservations.get(key) != null) {
            return; // already held: a repeated request must not count twice
        }
        ResourceUsage wanted = command.getResources();
        double converted = convertPrewarmed(pool, command.getCorrelationId(), wanted.getMemoryMb());
        Optional<String> refusal = ledger.refusal(pool, wanted.getCpuCores(), wanted.getMemoryMb());
        if (refusal.isPresent()) {
            // capacity held past its TTL is not really in use: reclaim it before saying no
            expire(command.getIssuedAt());
            refusal = ledger.refusal(pool, wanted.getCpuCores(), wanted.getMemoryMb());
        }
        if (refusal.isPresent()) {
            emit(reject(pool, command, refusal.get()));
            return;
        }
        Instant expiresAt = command.getIssuedAt().plus(settings.reservationTtl());
        reservations.put(key, new Reservation(pool, command.getTarget(), command.getCorrelationId(),
                wanted.getCpuCores(), wanted.getMemoryMb(), command.getIssuedAt(), expiresAt));
        ledger.hold(pool, wanted.getCpuCores(), wanted.getMemoryMb());
        Map<String, Double> inputs = new HashMap<>(command.getDecision().getInputs());
        inputs.put("pool.freeCpuCores", ledger.freeCpu(pool));
        inputs.put("pool.freeMemoryMb", ledger.freeMemory(pool));
        if (converted > 0) {
            inputs.put("pool.prewarmConvertedMemoryMb", converted);
        }
        command.getDecision().setInputs(inputs);
        command.setExpiresAt(expiresAt);
        emit(command);
    }

    /** Frees up to {@code memoryMb} of the workflow's pre-warmed capacity for one of its actions; returns how much. */
    private double convertPrewarmed(String pool, String workflowId, double memoryMb) {
        String key = key(pool, WorkflowCommands.target(workflowId, WorkflowCommands.PREWARM_ACTION));
        Reservation prewarmed = workflowId == null ? null : reservations.get(key);
        if (prewarmed == null) {
            return 0;
        }
        double converted = Math.min(prewarmed.getMemoryMb(), memoryMb);
        ledger.free(pool, 0, converted);
        prewarmed.setMemoryMb(prewarmed.getMemoryMb() - converted);
        if (prewarmed.getMemoryMb() <= 0) {
            reservations.delete(key);
        } else {
            reservations.put(key, prewarmed);
        }
        return converted;
    }

    /** Replaces the workflow's pre-warmed capacity with its newest forecast, trimmed to the pool's free memory. */
    private void prewarm(String pool, String key, AllocationCommand command) {
        Reservation previous = reservations.get(key);
        if (previous != null) {
            reservations.delete(key);
            ledger.free(pool, previous.getCpuCores(), previous.getMemoryMb());
        }
        if (!settings.capacities().containsKey(pool)) {
            return;
        }
        double memory = Math.max(0, Math.min(command.getResources().getMemoryMb(), ledger.freeMemory(pool)));
        Map<String, Double> inputs = new HashMap<>(command.getDecision().getInputs());
        inputs.put("pool.freeMemoryMb", ledger.freeMemory(pool) - memory);
        command.getDecision().setInputs(inputs);
        command.getResources().setMemoryMb(memory);
        Instant expiresAt = command.getIssuedAt().plusMillis(command.getResources().getDurationMs());
        command.setExpiresAt(expiresAt);
        if (memory > 0) {
            reservations.put(key, new Reservation(pool, command.getTarget(), command.getCorrelationId(), 0.0, memory,
                    command.getIssuedAt(), expiresAt));
            ledger.hold(pool, 0, memory);
        }
        emit(command);
    }

    private AllocationCommand reject(String pool, AllocationCommand request, String reason) {
        Decision asked = request.getDecision();
        Map<String, Double> inputs = new HashMap<>(asked.getInputs());
        inputs.put("pool.freeCpuCores", ledger.freeCpu(pool));
        inputs.put("pool.freeMemoryMb", ledger.freeMemory(pool));
        Decision decision = Decision.newBuilder()
                .setMadeBy(WorkflowCommands.POOL).setVersion("1").setInputs(inputs)
                .setThresholds(Map.of("pool.cpuCores", settings.capacities().get(pool).cpuCores(),
                        "pool.memoryMb", settings.capacities().get(pool).memoryMb()))
                .setConfidence(asked.getConfidence())
                .setExplanation(reason + " (allocation by " + asked.getMadeBy() + ": " + asked.getExplanation() + ")")
                .build();
        return WorkflowCommands.command(AllocationAction.REJECT, request.getTarget(), request.getCorrelationId(),
                request.getResources(), request.getIssuedAt(), decision);
    }

    private void expire(Instant now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Reservation> all = reservations.all()) {
            all.forEachRemaining(kv -> {
                if (!kv.value.getExpiresAt().isAfter(now)) {
                    due.add(kv.key);
                }
            });
        }
        for (String key : due) {
            release(key, reservations.get(key), now, WorkflowCommands.rule(WorkflowCommands.POOL,
                    "reservation expired after " + settings.reservationTtl() + " without a release"));
        }
    }

    private void release(String key, Reservation held, Instant at, Decision decision) {
        reservations.delete(key);
        ledger.free(held.getPoolId(), held.getCpuCores(), held.getMemoryMb());
        emit(WorkflowCommands.command(AllocationAction.RELEASE, held.getTarget(), held.getWorkflowId(),
                new ResourceUsage(held.getCpuCores(), held.getMemoryMb(), 0.0, 0.0, 0L), at, decision));
    }

    private void emit(AllocationCommand command) {
        context.forward(new Record<>(command.getTarget(), command, command.getIssuedAt().toEpochMilli()));
    }

    private static String key(String pool, String target) {
        return pool + '\u001f' + target;
    }
}
