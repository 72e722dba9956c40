package dev.foresight.evaluate.synthesis;

import dev.foresight.domain.synthesis.NeedRule;
import dev.foresight.domain.synthesis.PipelineSynthesizer;
import dev.foresight.domain.synthesis.PipelineSynthesizer.Blocker;
import dev.foresight.domain.synthesis.ShippedTemplates;
import dev.foresight.domain.synthesis.StageTemplate;
import dev.foresight.domain.synthesis.SynthesisOutput.Kind;
import dev.foresight.domain.synthesis.SynthesisOutput.Operation;
import dev.foresight.domain.synthesis.SynthesisOutput.StageCommand;
import dev.foresight.domain.synthesis.SynthesisSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code evaluate synthesis}: the synthesizer in simulated worlds with a known answer. Per seed: how long
 * before each ramp's need and peak its scaling stage was synthesized, the precision and recall of the
 * rollbacks against the stages drawn harmful, and the scaling bandit's regret against the best fixed
 * (multiplier, lead time) of the grid in hindsight, and against the fixed arm chosen on the other seeds
 * (leave one seed out). Every seed is reported.
 */
public final class SynthesisEvaluation {

    /** The stage types the world gives a need to: traffic ramps, vulnerability bursts, release trains. */
    private static final List<String> TUNED = List.of("scaling", "dependency-update", "feature-release");

    private final SynthesisSettings settings;
    private final Map<String, StageTemplate> templates = ShippedTemplates.parsed();
    private final TuningRegret regret;

    public SynthesisEvaluation(SynthesisSettings settings) {
        this.settings = settings;
        this.regret = new TuningRegret(settings, this::synthesizer);
    }

    /** One seed's figures. */
    public record SeedResult(long seed, int ramps, int beforePeak, int readyBeforeNeed, double medianLeadBeforePeak,
                             double medianLeadBeforeNeed, int rollbacks, int harmfulRolledBack, int harmful,
                             int harmfulReplaced, Map<Blocker, Integer> missedBy, Bottleneck bottleneck,
                             List<TuningRegret.Tuning> tuning) {

        double precision() {
            return rollbacks == 0 ? Double.NaN : (double) harmfulRolledBack / rollbacks;
        }

        double recall() {
            return harmful == harmfulReplaced ? Double.NaN : (double) harmfulRolledBack / (harmful - harmfulReplaced);
        }
    }

    /**
     * The test suite's growth and its remedy: when it grew and to what, how long until the first shards were
     * synthesized, the shards in force at the end and the known optimum (shards of {@code shardTarget}).
     */
    public record Bottleneck(double grewAtDay, double grownSeconds, long reports, double remedyHoursAfter,
                             int shardsAtEnd, int optimumShards) {
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
        WorldRun.Result run = WorldRun.run(world, synthesizer(settings), seed, days);
        List<TuningRegret.Tuning> tuning = TUNED.stream().map(type -> regret.of(type, world, run, seed, days)).toList();
        return leads(seed, world, run, bottleneck(world, run), tuning);
    }

    private Bottleneck bottleneck(SynthesisWorld world, WorldRun.Result run) {
        Instant grew = SynthesisWorld.at(world.suiteGrowsAt());
        long reports = run.logged().stream().filter(l -> l.kind() == Kind.BOTTLENECK && !l.at().isBefore(grew)
                && l.reason().explanation().contains("slowest stage test ")).count();
        double remedy = run.commands().stream().filter(c -> c.operation() == Operation.ADD_STAGE
                        && "test".equals(c.stageName()) && !c.at().isBefore(grew)).findFirst()
                .map(c -> Duration.between(grew, c.at()).toMinutes() / 60.0).orElse(Double.NaN);
        return new Bottleneck(world.suiteGrowsAt() / (24 * 60.0), world.grownTestSeconds(), reports, remedy,
                run.shards(), (int) Math.ceil(world.grownTestSeconds() / settings.shardTarget().toSeconds()));
    }

    private SeedResult leads(long seed, SynthesisWorld world, WorldRun.Result run, Bottleneck bottleneck,
                             List<TuningRegret.Tuning> tuning) {
        List<Double> beforePeak = new ArrayList<>();
        List<Double> beforeNeed = new ArrayList<>();
        int ready = 0;
        Map<Blocker, Integer> missed = new EnumMap<>(Blocker.class);
        List<int[]> cover = scalingCover(run.commands());
        for (SynthesisWorld.Ramp ramp : world.ramps()) {
            Optional<int[]> atPeak = cover.stream().filter(c -> c[1] <= ramp.peak() && ramp.peak() < c[2]).findFirst();
            if (atPeak.isPresent()) {
                beforePeak.add((double) ramp.peak() - atPeak.get()[0]);
                beforeNeed.add((double) ramp.need() - atPeak.get()[0]);
                ready += cover.stream().anyMatch(c -> c[1] <= ramp.need() && ramp.need() < c[2]) ? 1 : 0;
            } else {
                missed.merge(missCause(run, ramp), 1, Integer::sum);
            }
        }
        List<StageCommand> rollbacks = run.commands().stream().filter(c -> c.operation() == Operation.ROLLBACK)
                .toList();
        int harmfulRolledBack = (int) rollbacks.stream()
                .filter(c -> run.harmfulAdds().contains(c.pipeline() + "@" + c.parent())).count();
        return new SeedResult(seed, world.ramps().size(), beforePeak.size(), ready, median(beforePeak),
                median(beforeNeed), rollbacks.size(), harmfulRolledBack, run.harmfulAdds().size(), replaced(run),
                missed, bottleneck, tuning);
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
        Map<Blocker, Integer> seen = new EnumMap<>(Blocker.class);
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
        return regret.rule("scaling");
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The report: ramps and rollbacks, the bottleneck, then per tuned stage type one row per seed with the
     * leave-one-seed-out comparison.
     */
    public String markdown(List<SeedResult> results, int days) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "# Pipeline synthesis in simulation (%d days"
                + " per seed)%n%n| seed | ramps | stage in force at peak | in force at need | median min synthesized"
                + " before need | before peak | missed: why | rollbacks | harmful rolled back | harmful | harmful"
                + " replaced before a verdict | precision | recall |%n|---|---|---|---|---|---|---|---|---|---|---|---|"
                + "---|%n", days));
        for (SeedResult r : results) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %.0f | %.0f | %s | %d | %d | %d | %d | %.2f |"
                    + " %.2f |%n", r.seed(), r.ramps(), r.beforePeak(), r.readyBeforeNeed(), r.medianLeadBeforeNeed(),
                    r.medianLeadBeforePeak(), misses(r.missedBy()), r.rollbacks(), r.harmfulRolledBack(), r.harmful(),
                    r.harmfulReplaced(), r.precision(), r.recall()));
        }
        md.append(String.format(Locale.ROOT, "%n## Bottleneck: the test suite grows once%n%n| seed | grew at day |"
                + " to (min) | bottleneck reports after | first shards after (h) | shards at the end | optimum |%n"
                + "|---|---|---|---|---|---|---|%n"));
        for (SeedResult r : results) {
            Bottleneck b = r.bottleneck();
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %.0f | %d | %.1f | %d | %d |%n", r.seed(), b.grewAtDay(),
                    b.grownSeconds() / 60, b.reports(), b.remedyHoursAfter(), b.shardsAtEnd(), b.optimumShards()));
        }
        List<Long> seeds = results.stream().map(SeedResult::seed).toList();
        for (int t = 0; t < TUNED.size(); t++) {
            int type = t;
            md.append(regret.markdown(TUNED.get(t), results.stream().map(r -> r.tuning().get(type)).toList(), seeds));
        }
        return md.toString();
    }

    private static String misses(Map<Blocker, Integer> missed) {
        return missed.isEmpty() ? "none" : String.join(", ", missed.entrySet().stream().map(e -> e.getValue() + " "
                + (e.getKey() == Blocker.NONE ? "no forecast reached the trigger"
                : e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))).toList());
    }
}
