package dev.foresight.evaluate.synthesis;

import dev.foresight.domain.synthesis.NeedRule;
import dev.foresight.domain.synthesis.PipelineSynthesizer;
import dev.foresight.domain.synthesis.PipelineSynthesizer.Blocker;
import dev.foresight.domain.synthesis.ShippedTemplates;
import dev.foresight.domain.synthesis.StageTemplate;
import dev.foresight.domain.synthesis.SynthesisOutput.Operation;
import dev.foresight.domain.synthesis.SynthesisOutput.StageCommand;
import dev.foresight.domain.synthesis.SynthesisSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * {@code evaluate synthesis}: the synthesizer in simulated worlds with a known answer. Per seed: how long
 * before each ramp's need and peak its scaling stage was synthesized, the precision and recall of the
 * rollbacks against the stages drawn harmful, and the scaling bandit's regret against the best fixed
 * (multiplier, lead time) of the grid in hindsight, and against the fixed arm chosen on the other seeds
 * (leave one seed out). Every seed is reported.
 */
public final class SynthesisEvaluation {

    private final SynthesisSettings settings;
    private final Map<String, StageTemplate> templates = ShippedTemplates.parsed();

    public SynthesisEvaluation(SynthesisSettings settings) {
        this.settings = settings;
    }

    /** One seed's figures. */
    public record SeedResult(long seed, int ramps, int beforePeak, int readyBeforeNeed, double medianLeadBeforePeak,
                             double medianLeadBeforeNeed, int rollbacks, int harmfulRolledBack, int harmful,
                             int harmfulReplaced,
                             double banditReward, double[] fixedReward, double[] regretAt, int[] regretDays,
                             Map<Blocker, Integer> missedBy) {

        double precision() {
            return rollbacks == 0 ? Double.NaN : (double) harmfulRolledBack / rollbacks;
        }

        double recall() {
            return harmful == harmfulReplaced ? Double.NaN : (double) harmfulRolledBack / (harmful - harmfulReplaced);
        }

        int bestArm() {
            return IntStream.range(0, fixedReward.length).reduce((a, b) -> fixedReward[b] > fixedReward[a] ? b : a)
                    .orElse(0);
        }
    }

    public List<SeedResult> run(List<Long> seeds, int days) {
        List<SeedResult> results = new ArrayList<>();
        for (long seed : seeds) {
            results.add(seed(seed, days));
        }
        return results;
    }

    private SeedResult seed(long seed, int days) {
        SynthesisWorld world = SynthesisWorld.generate(seed, days);
        WorldRun.Result bandit = WorldRun.run(world, synthesizer(settings), seed, days);
        NeedRule scaling = scalingRule();
        List<NeedRule.Arm> arms = scaling.arms();
        double[] fixed = new double[arms.size()];
        double[][] fixedDaily = new double[arms.size()][];
        for (int a = 0; a < arms.size(); a++) {
            WorldRun.Result run = WorldRun.run(world, synthesizer(settings.withRules(withArm(arms.get(a)))), seed, days);
            fixedDaily[a] = cumulative(run.dailyReward("scaling"));
            fixed[a] = fixedDaily[a][days - 1];
        }
        double[] banditCumulative = cumulative(bandit.dailyReward("scaling"));
        int[] checkpoints = IntStream.of(days / 8, days / 4, days / 2, days).filter(d -> d > 0).toArray();
        double[] regret = new double[checkpoints.length];
        for (int c = 0; c < checkpoints.length; c++) {
            int d = checkpoints[c] - 1;
            double best = IntStream.range(0, arms.size()).mapToDouble(a -> fixedDaily[a][d]).max().orElse(0);
            regret[c] = best - banditCumulative[d];
        }
        return leads(seed, world, bandit, banditCumulative[days - 1], fixed, regret, checkpoints);
    }

    private SeedResult leads(long seed, SynthesisWorld world, WorldRun.Result bandit, double banditReward,
                             double[] fixed, double[] regret, int[] checkpoints) {
        List<Double> beforePeak = new ArrayList<>();
        List<Double> beforeNeed = new ArrayList<>();
        int ready = 0;
        Map<Blocker, Integer> missed = new java.util.EnumMap<>(Blocker.class);
        List<int[]> cover = scalingCover(bandit.commands());
        for (SynthesisWorld.Ramp ramp : world.ramps()) {
            Optional<int[]> atPeak = cover.stream().filter(c -> c[1] <= ramp.peak() && ramp.peak() < c[2]).findFirst();
            if (atPeak.isPresent()) {
                beforePeak.add((double) ramp.peak() - atPeak.get()[0]);
                beforeNeed.add((double) ramp.need() - atPeak.get()[0]);
                ready += cover.stream().anyMatch(c -> c[1] <= ramp.need() && ramp.need() < c[2]) ? 1 : 0;
            } else {
                missed.merge(missCause(bandit, ramp), 1, Integer::sum);
            }
        }
        List<StageCommand> rollbacks = bandit.commands().stream().filter(c -> c.operation() == Operation.ROLLBACK)
                .toList();
        int harmfulRolledBack = (int) rollbacks.stream()
                .filter(c -> bandit.harmfulAdds().contains(c.pipeline() + "@" + c.parent())).count();
        return new SeedResult(seed, world.ramps().size(), beforePeak.size(), ready, median(beforePeak),
                median(beforeNeed), rollbacks.size(), harmfulRolledBack, bandit.harmfulAdds().size(), replaced(bandit),
                banditReward,
                fixed, regret, checkpoints, missed);
    }

    /** Harmful stages a newer variant of the same stage replaced before their verdict: their harm ended with them. */
    private static int replaced(WorldRun.Result run) {
        List<StageCommand> commands = run.commands();
        int replaced = 0;
        for (int i = 0; i < commands.size(); i++) {
            StageCommand c = commands.get(i);
            if (c.operation() == Operation.ADD_STAGE && run.harmfulAdds().contains(c.pipeline() + "@" + c.version())) {
                replaced += commands.subList(i + 1, commands.size()).stream()
                        .filter(n -> n.stageName().equals(c.stageName())).findFirst()
                        .filter(n -> n.operation() == Operation.ADD_STAGE).isPresent() ? 1 : 0;
            }
        }
        return replaced;
    }

    /**
     * When a scaling stage was in force, as {synthesized, ready, gone} minutes: ready once provisioned, gone
     * when its window ends, when it is rolled back or when a newer one replacing it is ready.
     */
    private List<int[]> scalingCover(List<StageCommand> commands) {
        NeedRule rule = scalingRule();
        List<int[]> cover = new ArrayList<>();
        for (StageCommand c : commands) {
            if (!"scaling".equals(c.stageType())) {
                continue;
            }
            int at = (int) Duration.between(SynthesisWorld.START, c.at()).toMinutes();
            int gone = c.operation() == Operation.ROLLBACK ? at : at + (int) rule.provisioning().toMinutes();
            if (!cover.isEmpty() && cover.get(cover.size() - 1)[2] > gone) {
                cover.get(cover.size() - 1)[2] = gone;
            }
            if (c.operation() == Operation.ADD_STAGE) {
                cover.add(new int[] {at, at + (int) rule.provisioning().toMinutes(),
                        at + (int) rule.activeFor().toMinutes()});
            }
        }
        return cover;
    }

    /** What blocked synthesis for most of the ramp's climb; NONE when nothing did and no forecast reached the trigger. */
    private static Blocker missCause(WorldRun.Result run, SynthesisWorld.Ramp ramp) {
        Map<Blocker, Integer> seen = new java.util.EnumMap<>(Blocker.class);
        for (int m = ramp.start(); m <= ramp.peak(); m++) {
            Blocker b = run.scalingBlocker()[m];
            if (b != null && b != Blocker.NONE) {
                seen.merge(b, 1, Integer::sum);
            }
        }
        return seen.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(Blocker.NONE);
    }

    private PipelineSynthesizer synthesizer(SynthesisSettings s) {
        return new PipelineSynthesizer(s, id -> Optional.ofNullable(templates.get(id)));
    }

    private NeedRule scalingRule() {
        return settings.rules().stream().filter(r -> "scaling".equals(r.stageType())).findFirst().orElseThrow();
    }

    private List<NeedRule> withArm(NeedRule.Arm arm) {
        return settings.rules().stream().map(r -> !"scaling".equals(r.stageType()) ? r
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

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The report: one row per seed, then leave-one-seed-out against the fixed arm chosen on the others. */
    public String markdown(List<SeedResult> results, int days) {
        List<NeedRule.Arm> arms = scalingRule().arms();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "# Pipeline synthesis in simulation (%d days"
                + " per seed)%n%n| seed | ramps | stage in force at peak | in force at need | median min synthesized before need |"
                + " median min before peak | missed: why | rollbacks | harmful rolled back | harmful | replaced before a verdict | precision |"
                + " recall |%n|---|---|---|---|---|---|---|---|---|---|---|---|---|%n", days));
        for (SeedResult r : results) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %.0f | %.0f | %s | %d | %d | %d | %d | %.2f | %.2f |%n",
                    r.seed(), r.ramps(), r.beforePeak(), r.readyBeforeNeed(), r.medianLeadBeforeNeed(),
                    r.medianLeadBeforePeak(), misses(r.missedBy()), r.rollbacks(), r.harmfulRolledBack(), r.harmful(), r.harmfulReplaced(), r.precision(),
                    r.recall()));
        }
        md.append(String.format(Locale.ROOT, "%n## Scaling threshold: the tuner against fixed arms%n%n| seed | tuner reward"
                + " | best fixed arm in hindsight | its reward | regret at day %s | arm chosen on the other seeds |"
                + " its reward here | tuner minus it |%n|---|---|---|---|---|---|---|---|%n",
                joinDays(results.get(0).regretDays())));
        for (SeedResult r : results) {
            int chosen = chosenOnOthers(results, r);
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %s | %.1f | %s | %s | %.1f | %+.1f |%n", r.seed(),
                    r.banditReward(), arm(arms.get(r.bestArm())), r.fixedReward()[r.bestArm()], regrets(r),
                    arm(arms.get(chosen)), r.fixedReward()[chosen], r.banditReward() - r.fixedReward()[chosen]));
        }
        return md.toString();
    }

    private static String misses(Map<Blocker, Integer> missed) {
        return missed.isEmpty() ? "none" : String.join(", ", missed.entrySet().stream().map(e -> e.getValue() + " "
                + (e.getKey() == Blocker.NONE ? "no forecast reached the trigger"
                : e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))).toList());
    }

    private static int chosenOnOthers(List<SeedResult> results, SeedResult held) {
        int arms = held.fixedReward().length;
        return IntStream.range(0, arms).reduce((a, b) -> total(results, held, b) > total(results, held, a) ? b : a)
                .orElse(0);
    }

    private static double total(List<SeedResult> results, SeedResult held, int arm) {
        return results.stream().filter(r -> r != held).mapToDouble(r -> r.fixedReward()[arm]).sum();
    }

    private static String arm(NeedRule.Arm arm) {
        return String.format(Locale.ROOT, "%.1f x, %d min", arm.multiplier(), arm.leadTime().toMinutes());
    }

    private static String joinDays(int[] days) {
        return String.join("/", IntStream.of(days).mapToObj(Integer::toString).toList());
    }

    private static String regrets(SeedResult r) {
        return String.join(" / ", java.util.Arrays.stream(r.regretAt()).mapToObj(v -> String.format(Locale.ROOT,
                "%.1f", v)).toList());
    }
}
