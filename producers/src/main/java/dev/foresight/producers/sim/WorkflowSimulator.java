package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.WorkflowCompleted;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.topics.Topics;
import java.time.Instant;

/**
 * Many concurrent workflows. Each runs its stages in order, parallel stages fan out per sample/shard.
 * Requests are fixed per action type and generous, as users set them; actual usage grows with the input
 * size, so large inputs occasionally exceed the memory request: that attempt is killed and retried with
 * twice the memory, as workflow engines do.
 */
final class WorkflowSimulator {

    static final int MAX_ATTEMPTS = 3;
    private static final double PRICE_PER_CORE_HOUR = 0.048;
    private static final double PRICE_PER_GIB_HOUR = 0.006;
    private static final double INPUT_SIZE_SIGMA = 0.6;

    /** A workflow in flight. */
    private static final class Run {
        final String workflowId;
        final WorkflowType type;
        final double inputScale;
        final int width;
        int runningInStage;
        boolean failed;

        Run(String workflowId, WorkflowType type, double inputScale, int width) {
            this.workflowId = workflowId;
            this.type = type;
            this.inputScale = inputScale;
            this.width = width;
        }
    }

    private final EventScheduler scheduler;
    private final SimRandom random;
    private final SimIds ids;
    private final long meanIntervalMs;

    WorkflowSimulator(EventScheduler scheduler, SimRandom random, SimIds ids, SimulationSettings settings) {
        this.scheduler = scheduler;
        this.random = random;
        this.ids = ids;
        this.meanIntervalMs = settings.meanWorkflowInterval().toMillis();
    }

    void start() {
        scheduler.after(random.exponentialMillis(meanIntervalMs), (now, sink) -> {
            submit(now, sink);
            start();
        });
    }

    private void submit(long nowMs, EventSink sink) {
        WorkflowType type = pickType();
        Run run = new Run(ids.next("wf"), type, random.logNormal(1, INPUT_SIZE_SIGMA),
                random.intBetween(type.minWidth(), type.maxWidth()));
        send(run, nowMs, sink, new WorkflowCreated(type.expectedActions(run.width)));
        startStage(run, 0, nowMs, sink);
    }

    private WorkflowType pickType() {
        double roll = random.uniform() * WorkflowType.CATALOGUE.stream().mapToDouble(WorkflowType::weight).sum();
        for (WorkflowType type : WorkflowType.CATALOGUE) {
            roll -= type.weight();
            if (roll < 0) {
                return type;
            }
        }
        return WorkflowType.CATALOGUE.get(WorkflowType.CATALOGUE.size() - 1);
    }

    private void startStage(Run run, int stage, long nowMs, EventSink sink) {
        if (run.failed || stage == run.type.stages().size()) {
            send(run, nowMs, sink, new WorkflowCompleted(!run.failed));
            return;
        }
        ActionProfile profile = run.type.stages().get(stage);
        run.runningInStage = profile.parallel() ? run.width : 1;
        for (int shard = 1; shard <= run.runningInStage; shard++) {
            startAttempt(run, stage, shard, 1, defaultRequest(profile), sink, nowMs, nowMs + queueDelayMs());
        }
    }

    /** Submits the attempt now; it starts once it has waited in the queue. */
    private void startAttempt(Run run, int stage, int shard, int attempt, ResourceUsage requested, EventSink sink,
                              long submittedMs, long atMs) {
        ActionProfile profile = run.type.stages().get(stage);
        String actionId = profile.actionType() + "-" + shard + "-" + attempt;
        send(run, submittedMs, sink, new ActionSubmitted(actionId, profile.actionType(), requested));
        scheduler.at(atMs, (now, startSink) -> {
            send(run, now, startSink, new ActionStarted(actionId, profile.actionType(), requested));
            ResourceUsage needed = actualUsage(profile, run.inputScale, requested.getCpuCores());
            if (needed.getMemoryMb() <= requested.getMemoryMb()) {
                scheduler.at(now + needed.getDurationMs(), (end, out) -> {
                    send(run, end, out, new ActionCompleted(actionId, profile.actionType(), true, needed));
                    finishAction(run, stage, end, out);
                });
                return;
            }
            ResourceUsage killed = killedAtMemoryLimit(needed, requested);
            scheduler.at(now + killed.getDurationMs(), (end, out) -> {
                send(run, end, out, new ActionCompleted(actionId, profile.actionType(), false, killed));
                if (attempt < MAX_ATTEMPTS) {
                    ResourceUsage doubled = ResourceUsage.newBuilder(requested)
                            .setMemoryMb(requested.getMemoryMb() * 2).build();
                    startAttempt(run, stage, shard, attempt + 1, doubled, out, end, end + queueDelayMs());
                } else {
                    run.failed = true;
                    finishAction(run, stage, end, out);
                }
            });
        });
    }

    /** A stage ends when its last action ends; a failed workflow lets running actions finish, then stops. */
    private void finishAction(Run run, int stage, long nowMs, EventSink sink) {
        if (--run.runningInStage == 0) {
            startStage(run, stage + 1, nowMs, sink);
        }
    }

    /** What users ask for: whole cores, 2.5 times the typical memory rounded up to GiB, a generous time limit. */
    private static ResourceUsage defaultRequest(ActionProfile profile) {
        double cores = Math.ceil(profile.cpuCores());
        double memoryMb = Math.ceil(profile.memoryMb() * 2.5 / 1024) * 1024;
        long durationMs = (long) (profile.durationSeconds() * 4_000);
        return new ResourceUsage(cores, memoryMb, 0.0, cost(cores, memoryMb, durationMs), durationMs);
    }

    private ResourceUsage actualUsage(ActionProfile profile, double inputScale, double requestedCores) {
        double scale = inputScale * random.logNormal(1, 0.3);
        double cores = Math.min(requestedCores, profile.cpuCores() * random.logNormal(0.85, 0.1));
        double memoryMb = profile.memoryMb() * Math.pow(scale, 0.6) * random.logNormal(1, 0.15);
        long durationMs = Math.max(1_000, Math.round(
                profile.durationSeconds() * 1_000 * Math.pow(scale, profile.durationScaling()) * random.logNormal(1, 0.25)));
        double networkMb = profile.networkMb() * scale * random.logNormal(1, 0.2);
        return new ResourceUsage(cores, memoryMb, networkMb, cost(cores, memoryMb, durationMs), durationMs);
    }

    /** The attempt dies when it reaches its memory limit, part way through. */
    private ResourceUsage killedAtMemoryLimit(ResourceUsage needed, ResourceUsage requested) {
        double fraction = random.between(0.3, 0.8);
        long durationMs = Math.max(1_000, Math.round(needed.getDurationMs() * fraction));
        return new ResourceUsage(needed.getCpuCores(), requested.getMemoryMb(), needed.getNetworkMb() * fraction,
                cost(needed.getCpuCores(), requested.getMemoryMb(), durationMs), durationMs);
    }

    private static double cost(double cores, double memoryMb, long durationMs) {
        double hours = durationMs / 3_600_000.0;
        return hours * (cores * PRICE_PER_CORE_HOUR + memoryMb / 1024 * PRICE_PER_GIB_HOUR);
    }

    private long queueDelayMs() {
        return random.millisBetween(1_000, 20_000);
    }

    private void send(Run run, long nowMs, EventSink sink, Object payload) {
        sink.send(Topics.WORKFLOWS, run.workflowId, WorkflowEvent.newBuilder()
                .setEventId(ids.nextEventId())
                .setWorkflowId(run.workflowId)
                .setWorkflowType(run.type.name())
                .setTimestamp(Instant.ofEpochMilli(nowMs))
                .setPayload(payload)
                .build(), nowMs);
    }
}
