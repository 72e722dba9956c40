package dev.foresight.evaluate.synthesis;

import dev.foresight.domain.synthesis.PipelineRun;
import dev.foresight.domain.synthesis.PipelineState;
import dev.foresight.domain.synthesis.PipelineSynthesizer;
import dev.foresight.domain.synthesis.PipelineSynthesizer.Blocker;
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
 * drawn from the world's seed, so the rollbacks can be scored against the truth.
 */
final class WorldRun {

    static final double HARMFUL_SHARE = 0.3;
    static final double HARM_SLOWDOWN = 1.35;
    private static final int RUN_EVERY = 15;
    private static final String PIPELINE = "sim";

    /** What a run of the world produced. */
    record Result(List<StageCommand> commands, List<SynthesisOutput.Logged> logged, Set<String> harmfulAdds,
                  int days, Blocker[] scalingBlocker) {

        /** Reward credited to the bandit of {@code stageType} on each day. */
        double[] dailyReward(String stageType) {
            double[] reward = new double[days];
            logged.stream().filter(l -> l.kind() == Kind.TUNED && l.stageType().equals(stageType)).forEach(l -> {
                int day = (int) java.time.Duration.between(SynthesisWorld.START, l.at()).toDays();
                reward[Math.min(days - 1, day)] += l.reason().inputs().getOrDefault("reward", 0.0);
            });
            return reward;
        }
    }

    private WorldRun() {
    }

    static Result run(SynthesisWorld world, PipelineSynthesizer synthesizer, long seed, int days) {
        PipelineState state = new PipelineState();
        SplittableRandom harm = new SplittableRandom(seed ^ 0x5DEECE66DL);
        SplittableRandom noise = new SplittableRandom(seed * 31 + 7);
        Set<String> harmfulInForce = new HashSet<>();
        Set<String> harmfulAdds = new HashSet<>();
        List<StageCommand> commands = new ArrayList<>();
        List<SynthesisOutput.Logged> logged = new ArrayList<>();
        Blocker[] blocker = new Blocker[days * 24 * 60];
        int nextRun = 0;
        for (SynthesisWorld.Minute minute : world.minutes()) {
            while (nextRun <= minute.minute()) {
                double slowdown = harmfulInForce.isEmpty() ? 1 : HARM_SLOWDOWN;
                double test = 600 * slowdown * (1 + 0.08 * noise.nextGaussian());
                PipelineRun run = new PipelineRun("r" + nextRun, SynthesisWorld.at(nextRun), state.version(), true,
                        List.of(new PipelineRun.StageRun("build", 240 * (1 + 0.05 * noise.nextGaussian()), true, 1),
                                new PipelineRun.StageRun("test", test, true, 1)));
                apply(synthesizer.onRun(state, PIPELINE, run), harm, harmfulInForce, harmfulAdds, commands, logged);
                nextRun += RUN_EVERY;
            }
            if (blocker[minute.minute()] == null) {
                blocker[minute.minute()] = synthesizer.blocker(state, "scaling", SynthesisWorld.at(minute.minute()));
            }
            apply(synthesizer.onSignal(state, PIPELINE, minute.metric(), SynthesisWorld.at(minute.minute()),
                    minute.value(), false), harm, harmfulInForce, harmfulAdds, commands, logged);
        }
        return new Result(commands, logged, harmfulAdds, days, blocker);
    }

    private static void apply(List<SynthesisOutput> outputs, SplittableRandom harm, Set<String> harmfulInForce,
                              Set<String> harmfulAdds, List<StageCommand> commands,
                              List<SynthesisOutput.Logged> logged) {
        for (SynthesisOutput output : outputs) {
            if (output instanceof StageCommand c) {
                commands.add(c);
                if (c.operation() == Operation.ADD_STAGE) {
                    harmfulInForce.remove(c.stageName());
                    if (harm.nextDouble() < HARMFUL_SHARE) {
                        harmfulInForce.add(c.stageName());
                        harmfulAdds.add(c.pipeline() + "@" + c.version());
                    }
                } else {
                    harmfulInForce.remove(c.stageName());
                }
            } else if (output instanceof SynthesisOutput.Logged l) {
                logged.add(l);
            }
        }
    }
}
