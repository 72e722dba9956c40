package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.StageOperation;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.PipelineRunFinished;
import dev.foresight.schema.events.StageResult;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A pipeline executor per service that follows {@code pipeline.commands.v1}: it runs the version it was
 * last told to every 10 simulated minutes and reports each run. Each synthesized stage it applies is
 * harmful with probability 0.3 (seeded): while such a stage is in force the tests take 40 % longer, so
 * the rollback has something to find. Commands arrive from another thread ({@link #apply}).
 */
public final class PipelineExecutorSimulator {

    private static final long RUN_EVERY_MS = Duration.ofMinutes(10).toMillis();
    private static final double HARMFUL_SHARE = 0.3;
    private static final double HARM_SLOWDOWN = 1.4;

    /** What an executor knows of one pipeline: every pipeline starts at version 1, the base template. */
    private static final class Pipeline {
        int version = 1;
        final Set<String> harmful = new HashSet<>();
        final Map<String, Double> extraSeconds = new HashMap<>();
        int runs;
    }

    private final EventScheduler scheduler;
    private final SimRandom random;
    private final SimIds ids;
    private final Queue<PipelineSynthesisCommand> inbox = new ConcurrentLinkedQueue<>();
    private final Map<String, Pipeline> pipelines = new HashMap<>();

    PipelineExecutorSimulator(EventScheduler scheduler, SimRandom random, SimIds ids) {
        this.scheduler = scheduler;
        this.random = random;
        this.ids = ids;
    }

    void start(List<ServiceSpec> services) {
        for (ServiceSpec service : services) {
            pipelines.put(service.serviceId(), new Pipeline());
            scheduler.after(random.millisBetween(0, RUN_EVERY_MS), (now, sink) -> runEvery(service.serviceId(), now, sink));
        }
    }

    /** Takes a command the synthesizer issued; thread-safe, applied before the next run. */
    public void apply(PipelineSynthesisCommand command) {
        inbox.add(command);
    }

    private void runEvery(String serviceId, long nowMs, EventSink sink) {
        drain();
        run(serviceId, pipelines.get(serviceId), nowMs, sink);
        scheduler.after(RUN_EVERY_MS, (now, out) -> runEvery(serviceId, now, out));
    }

    private void drain() {
        for (PipelineSynthesisCommand c = inbox.poll(); c != null; c = inbox.poll()) {
            Pipeline pipeline = pipelines.get(c.getServiceId());
            if (pipeline == null || c.getPipelineVersion() <= pipeline.version) {
                continue;
            }
            pipeline.version = c.getPipelineVersion();
            pipeline.harmful.remove(c.getStageName());
            if (c.getOperation() == StageOperation.ADD_STAGE) {
                pipeline.extraSeconds.put(c.getStageName(), random.between(30, 120));
                if (random.chance(HARMFUL_SHARE)) {
                    pipeline.harmful.add(c.getStageName());
                }
            } else {
                pipeline.extraSeconds.remove(c.getStageName());
            }
        }
    }

    private void run(String serviceId, Pipeline pipeline, long nowMs, EventSink sink) {
        double slowdown = pipeline.harmful.isEmpty() ? 1 : HARM_SLOWDOWN;
        List<StageResult> stages = new ArrayList<>();
        stages.add(stage("build", random.logNormal(300, 0.05), 1.0));
        stages.add(stage("test", random.logNormal(600, 0.08) * slowdown, 1.0));
        pipeline.extraSeconds.forEach((name, seconds) -> stages.add(stage(name, seconds, 0.2)));
        stages.add(stage("deploy", random.logNormal(120, 0.05), 0.5));
        PipelineRunFinished run = new PipelineRunFinished(serviceId + "-run-" + (++pipeline.runs), pipeline.version,
                true, stages);
        sink.send(Topics.PIPELINES, serviceId, new PipelineEvent(ids.nextEventId(), serviceId,
                Instant.ofEpochMilli(nowMs), run), nowMs);
    }

    private static StageResult stage(String name, double seconds, double cost) {
        return new StageResult(name, Math.round(seconds * 1000), true, cost);
    }
}
