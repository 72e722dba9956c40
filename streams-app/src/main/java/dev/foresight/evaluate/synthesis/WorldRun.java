package dev.foresight.evaluate.synthesis;

import dev.foresight.domain.synthesis.PipelineRun;
import dev.foresight.domain.synthesis.PipelineState;
import dev.foresight.domain.synthesis.PipelineSynthesizer;
import dev.foresight.domain.synthesis.PipelineSynthesizer.Blocker;
import dev.foresight.domain.synthesis.StageFormat;
import dev.foresight.domain.synthesis.SynthesisOutput;
import dev.foresight.domain.synthesis.SynthesisOutput.Kind;
import dev.foresight.domain.synthesis.SynthesisOutput.Operation;
import dev.foresight.domain.synthesis.SynthesisOutput.StageCommand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One world through the synthesizer, with a simulated executor: it runs the current version every 15
 * minutes and applies every command. Each synthesized stage is harmful with probability
 * {@value #HARMFUL_SHARE} (its runs take {@value #HARM_SLOWDOWN} × longer while it is in the definition),
 * drawn from the world's seed, so the rollbacks can be scored against the truth. A test stage split into
 * {@code n} shards takes the suite's time over {@code n}, plus {@value #SHARD_OVERHEAD_S} s of set-up.
 */
final class WorldRun {

    static final double HARMFUL_SHARE = 0.3;
    static final double HARM_SLOWDOWN = 1.35;
    static final double SHARD_OVERHEAD_S = 60;
    private static final int RUN_EVERY = 15;
    private static final String PIPELINE = "sim";

    /** What a run of the world produced; {@code shards} is the test stage's parallelism at the end. */
    record Result(List<StageCommand> commands, List<SynthesisOutput.Logged> logged, Set<String> harmfulAdds,
                  int days, Blocker[] scalingBlocker, int shards) {

        /** Reward credited to the tuner of {@code stageType} on each day, from the policy's own outcomes. */
        double[] dailyReward(String stageType) {
            double[] reward = new double[days];
            logged.stream().filter(l -> l.kind() == Kind.TUNED && l.stageType().equals(stageType)).forEach(l -> {
                int day = (int) java.time.Duration.between(SynthesisWorld.START, l.at()).toDays();
                reward[Math.min(days - 1, day)] += l.reason().inputs().getOrDefault("reward", 0.0);
            });
            return reward;
        }
    }

    /** The executor's view: which stages are harmful in force, the test stage's shards, what it was sent. */
    private static final class Executor {
        final SplittableRandom harm;
        final Set<String> harmfulInForce = new HashSet<>();
        final Set<String> harmfulAdds = new HashSet<>();
        final List<StageCommand> commands = new ArrayList<>();
        final List<SynthesisOutput.Logged> logged = new ArrayList<>();
        int shards = 1;

        Executor(long seed) {
            this.harm = new SplittableRandom(seed ^ 0x5DEECE66DL);
        }

        void apply(List<SynthesisOutput> outputs) {
            for (SynthesisOutput output : outputs) {
                if (output instanceof StageCommand c) {
                    command(c);
                } else if (output instanceof SynthesisOutput.Logged l) {
                    logged.add(l);
                }
            }
        }

        private void command(StageCommand c) {
            commands.add(c);
            harmfulInForce.remove(c.stageName());
            if (c.operation() == Operation.ADD_STAGE && harm.nextDouble() < HARMFUL_SHARE) {
                harmfulInForce.add(c.stageName());
                harmfulAdds.add(c.pipeline() + "@" + c.version());
            }
            if ("test".equals(c.stageName())) {
                shards = c.operation() == Operation.ROLLBACK ? 1
                        : Math.max(1, StageFormat.readJson(c.stageJson()).path("parallelism").asInt(1));
            }
        }

        double testSeconds(double suiteSeconds) {
            return shards <= 1 ? suiteSeconds : suiteSeconds / shards + SHARD_OVERHEAD_S;
        }
    }

    private WorldRun() {
    }

    static Result run(SynthesisWorld world, PipelineSynthesizer synthesizer, long seed, int days) {
        PipelineState state = new PipelineState();
        SplittableRandom noise = new SplittableRandom(seed * 31 + 7);
        Executor executor = new Executor(seed);
        Blocker[] blocker = new Blocker[days * 24 * 60];
        int nextRun = 0;
        for (SynthesisWorld.Minute minute : world.minutes()) {
            while (nextRun <= minute.minute()) {
                double slowdown = executor.harmfulInForce.isEmpty() ? 1 : HARM_SLOWDOWN;
                double test = executor.testSeconds(world.testSeconds(nextRun)) * slowdown
                        * (1 + 0.08 * noise.nextGaussian());
                PipelineRun run = new PipelineRun("r" + nextRun, SynthesisWorld.at(nextRun), state.version(), true,
                        List.of(new PipelineRun.StageRun("build", 240 * (1 + 0.05 * noise.nextGaussian()), true, 1),
                                new PipelineRun.StageRun("test", test, true, 1)));
                executor.apply(synthesizer.onRun(state, PIPELINE, run));
                nextRun += RUN_EVERY;
            }
            if (blocker[minute.minute()] == null) {
                blocker[minute.minute()] = synthesizer.blocker(state, "scaling", SynthesisWorld.at(minute.minute()));
            }
            executor.apply(synthesizer.onSignal(state, PIPELINE, minute.metric(), SynthesisWorld.at(minute.minute()),
                    minute.value(), false));
        }
        return new Result(executor.commands, executor.logged, executor.harmfulAdds, days, blocker, executor.shards);
    }
}
