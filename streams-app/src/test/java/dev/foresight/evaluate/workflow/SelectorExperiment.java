package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.AllocationPlanner;
import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.domain.workflow.Resources;
import dev.foresight.domain.workflow.UsageQuantiles;
import dev.foresight.predict.workflow.ActionObservation;
import dev.foresight.predict.workflow.ResourcePrediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Iterates on the online selection without the LSTM, in seconds rather than minutes: the proposal tables
 * hold the history sources and the planner's fallback rules (the planner as {@code lstm+fallback} runs it,
 * with a model that is never confident), and the selection is scored under the same leave-one-run-out
 * protocol as {@code evaluate workflows}. Prints every run's ratio to its best baseline and the medians; with
 * {@code -Dsettings=true} also every setting's medians <em>in sample</em> (each run scored with that one
 * setting), to see which dimensions of the grid matter, never to pick a run's setting. Also prints every
 * source's median alone, and with {@code -Ddetail=RUN} each source's wastage per task type of that run.
 *
 * <pre>
 * java -Xmx1g -cp "$CP" dev.foresight.evaluate.workflow.SelectorExperiment FILE...
 * </pre>
 */
final class SelectorExperiment {

    static final String RULES = "fallback-rules";

    private SelectorExperiment() {
    }

    public static void main(String[] args) throws IOException {
        List<ProposalTable> tables = new ArrayList<>();
        AllocationPolicy policy = AllocationPolicy.defaults();
        for (String file : args) {
            WorkflowRun run = WorkflowEvaluation.read(Path.of(file));
            double unrequestedMb = policy.defaultAllocation().memoryMb();
            tables.add(ProposalTable.propose(run, List.of(new HistorySizers(unrequestedMb), new InputSizers(unrequestedMb),
                    new RulesSizer(run.name(), policy))));
        }
        String detail = System.getProperty("detail", "");
        tables.stream().filter(table -> table.run().name().equals(detail)).forEach(SelectorExperiment::printByType);
        List<MethodResult> results = LeaveOneRunOut.score(tables, WorkflowEvaluation.grid(RULES));
        if (Boolean.getBoolean("settings")) {
            printSettings(tables);
        }
        Map<String, List<Double>> byKind = new LinkedHashMap<>();
        Map<String, List<Double>> rulesByKind = new LinkedHashMap<>();
        Map<String, List<Double>> aloneByKind = new java.util.TreeMap<>();
        Map<String, Long> decisions = new java.util.TreeMap<>();
        int moreFailures = 0;
        for (List<MethodResult> run : LeaveOneRunOut.byRun(results, MethodResult::workflow).values()) {
            MethodResult best = LeaveOneRunOut.bestBaseline(run);
            MethodResult selected = run.stream().filter(r -> r.method().equals(Scoring.SELECTED)).findFirst().orElseThrow();
            MethodResult rules = run.stream().filter(r -> r.method().equals(RULES)).findFirst().orElseThrow();
            double ratio = LeaveOneRunOut.ratio(selected.wastageGibHours(), best.wastageGibHours());
            double rulesRatio = LeaveOneRunOut.ratio(rules.wastageGibHours(), best.wastageGibHours());
            moreFailures += selected.underAllocations() > best.underAllocations() ? 1 : 0;
            selected.decisions().forEach((source, n) -> decisions.merge(source, n, Long::sum));
            System.out.printf(Locale.ROOT, "%-28s %5d %-14s %10.3f %5d | sel %10.3f %5d %6.3f | rules %6.3f %5d | %s%n",
                    selected.workflow(), selected.tasks(), best.method(), best.wastageGibHours(),
                    best.underAllocations(), selected.wastageGibHours(), selected.underAllocations(), ratio,
                    rulesRatio, rules.underAllocations(), selected.setting());
            for (String kind : List.of(selected.source(), "all")) {
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(ratio);
                rulesByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(rulesRatio);
                for (MethodResult source : run) {
                    aloneByKind.computeIfAbsent(source.method() + " " + kind, k -> new ArrayList<>())
                            .add(LeaveOneRunOut.ratio(source.wastageGibHours(), best.wastageGibHours()));
                }
            }
        }
        byKind.forEach((kind, ratios) -> System.out.printf(Locale.ROOT, "median %-10s n=%2d selection %.3f rules %.3f%n",
                kind, ratios.size(), LeaveOneRunOut.median(ratios), LeaveOneRunOut.median(rulesByKind.get(kind))));
        aloneByKind.forEach((key, ratios) -> System.out.printf(Locale.ROOT, "alone %-50s %.3f%n", key,
                LeaveOneRunOut.median(ratios)));
        System.out.println("runs with more failed attempts than the best baseline: " + moreFailures);
        System.out.println("decisions: " + decisions);
    }

    /** Every setting's medians in sample: which dimensions of the grid matter, never a run's setting. */
    private static void printSettings(List<ProposalTable> tables) {
        for (dev.foresight.domain.workflow.SelectorSettings setting : WorkflowEvaluation.grid(RULES)) {
            Map<String, List<Double>> kinds = new java.util.TreeMap<>();
            for (ProposalTable table : tables) {
                double best = LeaveOneRunOut.bestBaseline(table.sources().stream()
                        .map(source -> Scoring.fixed(table, source)).toList()).wastageGibHours();
                double ratio = LeaveOneRunOut.ratio(Scoring.selected(table, setting,
                        LeaveOneRunOut.others(table, tables)).wastageGibHours(), best);
                kinds.computeIfAbsent(table.run().source(), k -> new ArrayList<>()).add(ratio);
                kinds.computeIfAbsent("all", k -> new ArrayList<>()).add(ratio);
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-110s", setting));
            kinds.forEach((kind, ratios) -> line.append(String.format(Locale.ROOT, " %s %.3f", kind.substring(0, 3),
                    LeaveOneRunOut.median(ratios))));
            System.out.println(line);
        }
    }

    /** Each source's wastage (GiB x h) and failed attempts per task type of one run. */
    private static void printByType(ProposalTable table) {
        Map<String, double[]> byType = new java.util.TreeMap<>();
        int sources = table.sources().size();
        for (int task = 0; task < table.tasks().size(); task++) {
            TraceTask sized = table.tasks().get(task);
            double[] sums = byType.computeIfAbsent(sized.process(), type -> new double[2 * sources]);
            for (int source = 0; source < sources; source++) {
                dev.foresight.domain.workflow.RetryCost cost = dev.foresight.domain.workflow.RetryCost.of(
                        table.proposals()[task][source], sized.peakMb(), sized.realtimeMs());
                sums[source] += cost.wastedMbMs() / (1024.0 * 3_600_000.0);
                sums[sources + source] += cost.failures();
            }
        }
        System.out.println(String.join(" ", table.sources()));
        byType.forEach((type, sums) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-40s", type));
            for (int source = 0; source < sources; source++) {
                line.append(String.format(Locale.ROOT, " %7.2f/%-3d", sums[source], (int) sums[sources + source]));
            }
            System.out.println(line);
        });
    }

    /** The planner's rules with a model that is never confident: what {@code lstm+fallback} mostly does. */
    private static final class RulesSizer implements MemorySizer {

        private final String workflowType;
        private final AllocationPolicy policy;
        private final AllocationPlanner planner;
        private final Map<String, List<Resources>> recentByType = new HashMap<>();

        RulesSizer(String workflowType, AllocationPolicy policy) {
            this.workflowType = workflowType;
            this.policy = policy;
            this.planner = new AllocationPlanner(policy);
        }

        @Override
        public List<String> names() {
            return List.of(RULES);
        }

        @Override
        public double[] proposeMb(TraceTask task, List<ActionObservation> completed) {
            ResourcePrediction unconfident = new ResourcePrediction(workflowType, task.process(), 0, 0, 0, 0, 0, 0,
                    "none");
            Optional<Resources> requested = task.requested()
                    ? Optional.of(new Resources(0, task.requestedMb(), 0, 0, 0))
                    : Optional.empty();
            return new double[] {planner.plan(unconfident, recentByType.getOrDefault(task.process(), List.of()),
                    requested).allocated().memoryMb()};
        }

        @Override
        public void learn(TraceTask task, List<ActionObservation> completedBeforeSubmit) {
            ActionObservation actual = task.observation();
            recentByType.put(task.process(), UsageQuantiles.appendBounded(recentByType.getOrDefault(task.process(),
                    List.of()), new Resources(actual.cpuCores(), actual.memoryMb(), 0, 0, 0), policy.historyWindow()));
        }
    }
}
