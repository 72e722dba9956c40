package dev.foresight.evaluate.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How the guardian did on simulated deployments with injected faults.
 *
 * @param warned     per deployment, leaving out silent failures (no warning signs to see)
 * @param all        per deployment, every failure included
 * @param leadTimes  for each detected warned failure: first crossing → failure
 * @param delays     for each detected warned failure: first warning signs → first crossing
 */
public record InjectedFaultReport(double threshold, int deployments, Confusion warned, Confusion all,
                                  List<Duration> leadTimes, List<Duration> delays, RollbackTally rollbacks) {

    public InjectedFaultReport {
        leadTimes = leadTimes.stream().sorted().toList();
        delays = delays.stream().sorted().toList();
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
        Files.write(outDir.resolve("injected-faults.csv"), List.of(
                "population,threshold,deployments,precision,recall,f1,tp,fp,fn,tn",
                csvRow("with warning signs", warned), csvRow("all faults", all)));
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Deployment guardian on injected faults\n\n");
        md.append(String.format(Locale.ROOT, "%d deployments, risk threshold %.2f.%n%n", deployments, threshold));
        md.append("| faults | precision | recall | TP | FP | FN | TN |\n|---|---|---|---|---|---|---|\n");
        md.append(mdRow("with warning signs", warned)).append(mdRow("all (incl. silent)", all));
        md.append(String.format(Locale.ROOT,
                "%nLead time before failure (s): p10 %.0f, median %.0f, p90 %.0f over %d detections.%n",
                quantileSeconds(leadTimes, 0.1), quantileSeconds(leadTimes, 0.5), quantileSeconds(leadTimes, 0.9),
                leadTimes.size()));
        md.append(String.format(Locale.ROOT, "Delay after first warning signs (s): median %.0f, p90 %.0f.%n",
                quantileSeconds(delays, 0.5), quantileSeconds(delays, 0.9)));
        md.append(String.format(Locale.ROOT,
                "%nRollbacks: %d of failed deployments, %d of healthy ones; %d kept compatible resources "
                        + "(resources kept %d, reverted %d, conflicts %d).%n",
                rollbacks.failedRolledBack(), rollbacks.healthyRolledBack(), rollbacks.keptSomething(),
                rollbacks.kept(), rollbacks.reverted(), rollbacks.conflicts()));
        return md.toString();
    }

    private static String mdRow(String label, Confusion c) {
        return String.format(Locale.ROOT, "| %s | %.3f | %.3f | %d | %d | %d | %d |%n", label, c.precision(),
                c.recall(), c.truePositives(), c.falsePositives(), c.falseNegatives(), c.trueNegatives());
    }

    private String csvRow(String label, Confusion c) {
        return String.format(Locale.ROOT, "%s,%.2f,%d,%.4f,%.4f,%.4f,%d,%d,%d,%d", label, threshold, deployments,
                c.precision(), c.recall(), c.f1(), c.truePositives(), c.falsePositives(), c.falseNegatives(),
                c.trueNegatives());
    }
}
