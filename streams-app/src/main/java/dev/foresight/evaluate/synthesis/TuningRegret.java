package dev.foresight.evaluate.synthesis;

import dev.foresight.domain.synthesis.NeedRule;
import dev.foresight.domain.synthesis.PipelineSynthesizer;
import dev.foresight.domain.synthesis.SynthesisSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The tuner of one stage type against every fixed arm of its grid, in the same world: its regret against
 * the best fixed arm in hindsight at each checkpoint (so whether it flattens shows), and against the arm
 * that does best on the other seeds (leave one seed out).
 */
final class TuningRegret {

    /** One stage type on one seed: rewards are cumulative over the days. */
    record Tuning(String stageType, double reward, double[] fixedReward, double[] regretAt, int[] regretDays) {

        int bestArm() {
            return IntStream.range(0, fixedReward.length).reduce((a, b) -> fixedReward[b] > fixedReward[a] ? b : a)
                    .orElse(0);
        }
    }

    private final SynthesisSettings settings;
    private final Function<SynthesisSettings, PipelineSynthesizer> synthesizer;

    TuningRegret(SynthesisSettings settings, Function<SynthesisSettings, PipelineSynthesizer> synthesizer) {
        this.settings = settings;
        this.synthesizer = synthesizer;
    }

    Tuning of(String stageType, SynthesisWorld world, WorldRun.Result tuned, long seed, int days) {
        List<NeedRule.Arm> arms = rule(stageType).arms();
        double[][] fixedDaily = new double[arms.size()][];
        double[] fixed = new double[arms.size()];
        for (int a = 0; a < arms.size(); a++) {
            SynthesisSettings one = settings.withRules(withArm(stageType, arms.get(a)));
            fixedDaily[a] = cumulative(WorldRun.run(world, synthesizer.apply(one), seed, days).dailyReward(stageType));
            fixed[a] = fixedDaily[a][days - 1];
        }
        double[] own = cumulative(tuned.dailyReward(stageType));
        int[] checkpoints = IntStream.of(days / 8, days / 4, days / 2, days).filter(d -> d > 0).toArray();
        double[] regret = new double[checkpoints.length];
        for (int c = 0; c < checkpoints.length; c++) {
            int d = checkpoints[c] - 1;
            regret[c] = Arrays.stream(fixedDaily).mapToDouble(f -> f[d]).max().orElse(0) - own[d];
        }
        return new Tuning(stageType, own[days - 1], fixed, regret, checkpoints);
    }

    NeedRule rule(String stageType) {
        return settings.rules().stream().filter(r -> stageType.equals(r.stageType())).findFirst().orElseThrow();
    }

    private List<NeedRule> withArm(String stageType, NeedRule.Arm arm) {
        return settings.rules().stream().map(r -> !stageType.equals(r.stageType()) ? r
                : new NeedRule(r.stageType(), r.templateId(), r.trigger(), r.metrics(), r.needLevel(), r.window(),
                        r.parameter(), r.parameterScale(), r.activeFor(), r.provisioning(), List.of(arm.multiplier()),
                        List.of(arm.leadTime()))).toList();
    }

    private static double[] cumulative(double[] daily) {
        double[] sums = new double[daily.length];
        double sum = 0;
        for (int i = 0; i < daily.length; i++) {
            sum += daily[i];
            sums[i] = sum;
        }
        return sums;
    }

    /** One table: a row per seed, the held-out comparison against the arm best on the other seeds. */
    String markdown(String stageType, List<Tuning> perSeed, List<Long> seeds) {
        List<NeedRule.Arm> arms = rule(stageType).arms();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## %s: the tuner against fixed arms%n%n"
                + "| seed | tuner reward | best fixed arm in hindsight | its reward | regret at day %s |"
                + " arm best on the other seeds | its reward here | tuner minus it |%n|---|---|---|---|---|---|---|---|%n",
                stageType, String.join("/", IntStream.of(perSeed.get(0).regretDays()).mapToObj(Integer::toString)
                        .toList())));
        for (int i = 0; i < perSeed.size(); i++) {
            Tuning t = perSeed.get(i);
            int chosen = chosenOnOthers(perSeed, t);
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %s | %.1f | %s | %s | %.1f | %+.1f |%n", seeds.get(i),
                    t.reward(), arm(arms.get(t.bestArm())), t.fixedReward()[t.bestArm()], regrets(t),
                    arm(arms.get(chosen)), t.fixedReward()[chosen], t.reward() - t.fixedReward()[chosen]));
        }
        return md.toString();
    }

    private static int chosenOnOthers(List<Tuning> all, Tuning held) {
        return IntStream.range(0, held.fixedReward().length).reduce((a, b) -> total(all, held, b)
                > total(all, held, a) ? b : a).orElse(0);
    }

    private static double total(List<Tuning> all, Tuning held, int arm) {
        return all.stream().filter(t -> t != held).mapToDouble(t -> t.fixedReward()[arm]).sum();
    }

    private static String arm(NeedRule.Arm arm) {
        long minutes = arm.leadTime().toMinutes();
        return String.format(Locale.ROOT, "%.2f x, %s", arm.multiplier(), minutes % 60 == 0 && minutes >= 60
                ? minutes / 60 + " h" : minutes + " min");
    }

    private static String regrets(Tuning t) {
        return String.join(" / ", Arrays.stream(t.regretAt()).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v))
                .toList());
    }
}
