package dev.foresight.evaluate.deployment;

import dev.foresight.producers.sim.DeploymentOutcome;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.BlendVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the guardian did on simulated deployments with injected faults: detection at each threshold it
 * acts on, what it did before each deployment ended, and how its rollbacks blended.
 */
public record InjectedFaultReport(int deployments, List<Detection> detections, List<ActionTally> actions,
                                  RollbackTally rollbacks) {

    private static final List<AllocationAction> ALLOCATIONS = List.of(AllocationAction.THROTTLE,
            AllocationAction.BOOST, AllocationAction.SHIFT_TRAFFIC, AllocationAction.SCALE);

    public InjectedFaultReport {
        detections = List.copyOf(detections);
        actions = List.copyOf(actions);
    }

    /** @param thresholds what the guardian does at a risk → that risk */
    public static InjectedFaultReport of(List<DeploymentOutcome> outcomes, List<RiskObservation> risks,
                                         List<AllocationObservation> allocations, List<RollbackObservation> rollbacks,
                                         Map<String, Double> thresholds) {
        List<Detection> detections = thresholds.entrySet().stream()
                .map(t -> FaultDetectionScoring.score(t.getKey(), t.getValue(), outcomes, risks)).toList();
        return new InjectedFaultReport(outcomes.size(), detections, ActionTally.of(outcomes, allocations, rollbacks),
                RollbackTally.of(outcomes, rollbacks));
    }

    /** Nearest-rank quantile in seconds; NaN when empty. */
    static double quantileSeconds(List<Duration> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))).toMillis() / 1000.0;
    }

    public void writeTo(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("injected-faults.md"), markdown());
        Files.write(outDir.resolve("injected-faults.csv"), csvLines());
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Deployment guardian on injected faults\n\n");
        md.append(String.format(Locale.ROOT, "%d deployments: %s.%n", deployments, String.join(", ",
                actions.stream().map(a -> a.deployments() + " " + a.population()).toList())));
        md.append("\n## Detection: a host's risk reaches the threshold before the deployment fails\n\n");
        md.append("| action at | faults | precision | recall | TP | FP | FN | TN | lead p10 (s) | lead median (s) "
                + "| after first signs, median (s) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Detection d : detections) {
            md.append(detectionRow(d, "with warning signs", d.warned(), true));
            md.append(detectionRow(d, "silent", d.silent(), false));
            md.append(detectionRow(d, "all", d.all(), false));
        }
        md.append("\n## What the guardian did before each deployment ended\n\n| deployments |");
        ALLOCATIONS.forEach(a -> md.append(' ').append(a).append(" |"));
        md.append(" aborted | abort lead p10 / median (s) |\n|---|");
        md.append("---|".repeat(ALLOCATIONS.size() + 2)).append('\n');
        for (ActionTally a : actions) {
            md.append(String.format(Locale.ROOT, "| %s (%d) |", a.population(), a.deployments()));
            ALLOCATIONS.forEach(action -> md.append(' ').append(share(a.acted().getOrDefault(action, 0),
                    a.deployments())).append(" |"));
            md.append(String.format(Locale.ROOT, " %s | %s / %s |%n", share(a.aborted(), a.deployments()),
                    seconds(a.abortLeads(), 0.1), seconds(a.abortLeads(), 0.5)));
        }
        md.append(String.format(Locale.ROOT,
                "%n## Rollbacks%n%n%d of failed deployments, %d of healthy ones; %d kept compatible resources "
                        + "of the failed attempt (resources kept %d, reverted %d, conflicts %d).%n%n",
                rollbacks.failedRolledBack(), rollbacks.healthyRolledBack(), rollbacks.keptSomething(),
                rollbacks.kept(), rollbacks.reverted(), rollbacks.conflicts()));
        md.append("| resource kind | keep | revert | conflict |\n|---|---|---|---|\n");
        rollbacks.verdictsByKind().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(kind ->
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", kind.getKey(),
                        kind.getValue().getOrDefault(BlendVerdict.KEEP, 0),
                        kind.getValue().getOrDefault(BlendVerdict.REVERT, 0),
                        kind.getValue().getOrDefault(BlendVerdict.CONFLICT, 0))));
        return md.toString();
    }

    List<String> csvLines() {
        List<String> lines = new ArrayList<>();
        lines.add("action,threshold,faults,deployments,precision,recall,f1,tp,fp,fn,tn,lead_p10_s,lead_median_s");
        for (Detection d : detections) {
            lines.add(csvRow(d, "with warning signs", d.warned()));
            lines.add(csvRow(d, "silent", d.silent()));
            lines.add(csvRow(d, "all", d.all()));
        }
        return lines;
    }

    /** Lead times only for faults with warning signs: a silent fault has nothing to lead from. */
    private static String detectionRow(Detection d, String faults, Confusion c, boolean withLead) {
        String lead = withLead ? String.join(" | ", seconds(d.leadTimes(), 0.1), seconds(d.leadTimes(), 0.5),
                seconds(d.delays(), 0.5)) : "| |";
        return String.format(Locale.ROOT, "| %s %.2f | %s | %.3f | %.3f | %d | %d | %d | %d | %s |%n", d.action(),
                d.threshold(), faults, c.precision(), c.recall(), c.truePositives(), c.falsePositives(),
                c.falseNegatives(), c.trueNegatives(), lead);
    }

    private String csvRow(Detection d, String faults, Confusion c) {
        return String.format(Locale.ROOT, "%s,%.2f,%s,%d,%.4f,%.4f,%.4f,%d,%d,%d,%d,%.0f,%.0f", d.action(),
                d.threshold(), faults, deployments, c.precision(), c.recall(), c.f1(), c.truePositives(),
                c.falsePositives(), c.falseNegatives(), c.trueNegatives(), quantileSeconds(d.leadTimes(), 0.1),
                quantileSeconds(d.leadTimes(), 0.5));
    }

    /** A quantile in whole seconds, or a dash when there is nothing to measure. */
    private static String seconds(List<Duration> sorted, double q) {
        return sorted.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f", quantileSeconds(sorted, q));
    }

    private static String share(int part, int whole) {
        return String.format(Locale.ROOT, "%d (%.0f%%)", part, whole == 0 ? 0 : 100.0 * part / whole);
    }
}
