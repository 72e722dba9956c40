package dev.foresight.producers.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * the rollback has something to find. A service's test suite takes {@value #SUITE_BASE_S} s plus
 * {@value #SUITE_PER_DEPENDENCY_S} s per service it calls (its contract tests), so a service calling three
 * takes over 15 minutes: a bottleneck the synthesizer can remedy. A test stage it is sent with a
 * {@code parallelism} of n runs the suite in n shards: the suite's time over n, plus
 * {@value #SHARD_OVERHEAD_S} s of set-up. Commands arrive from another thread ({@link #apply}).
 */
public final class PipelineExecutorSimulator {

    private static final long RUN_EVERY_MS = Duration.ofMinutes(10).toMillis();
    private static final double HARMFUL_SHARE = 0.3;
    private static final double HARM_SLOWDOWN = 1.4;
    private static final double SUITE_BASE_S = 420;
    private static final double SUITE_PER_DEPENDENCY_S = 180;
    private static final double SHARD_OVERHEAD_S = 60;
    /** The name of the stage every pipeline starts with and that sharding replaces. */
    private static final String TEST_STAGE = "test";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an executor knows of one pipeline: every pipeline starts at version 1, the base template. */
    private static final class Pipeline {
        final double suiteSeconds;
        int version = 1;
        int shards = 1;
        final Set<String> harmful = new HashSet<>();
        final Map<String, Double> extraSeconds = new HashMap<>();
        int runs;

        Pipeline(double suiteSeconds) {
            this.suiteSeconds = suiteSeconds;
        }

        double testSeconds() {
            return shards <= 1 ? suiteSeconds : suiteSeconds / shards + SHARD_OVERHEAD_S;
        }
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
            pipelines.put(service.serviceId(),
                    new Pipeline(SUITE_BASE_S + SUITE_PER_DEPENDENCY_S * service.dependsOn().size()));
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
            if (TEST_STAGE.equals(c.getStageName())) {
                pipeline.shards = c.getOperation() == StageOperation.ROLLBACK ? 1 : parallelism(c.getStageDefinition());
            } else if (c.getOperation() == StageOperation.ADD_STAGE) {
                pipeline.extraSeconds.put(c.getStageName(), random.between(30, 120));
            } else {
                pipeline.extraSeconds.remove(c.getStageName());
            }
            if (c.getOperation() == StageOperation.ADD_STAGE && random.chance(HARMFUL_SHARE)) {
                pipeline.harmful.add(c.getStageName());
            }
        }
    }

    /** The shards a test stage's JSON definition asks for; 1 when it names none or cannot be read. */
    private static int parallelism(String stageJson) {
        try {
            return Math.max(1, JSON.readTree(stageJson).path("parallelism").asInt(1));
        } catch (JsonProcessingException e) {
            return 1;
        }
    }

    private void run(String serviceId, Pipeline pipeline, long nowMs, EventSink sink) {
        double slowdown = pipeline.harmful.isEmpty() ? 1 : HARM_SLOWDOWN;
        List<StageResult> stages = new ArrayList<>();
        stages.add(stage("build", random.logNormal(300, 0.05), 1.0));
        stages.add(stage(TEST_STAGE, random.logNormal(pipeline.testSeconds(), 0.08) * slowdown, 1.0));
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
