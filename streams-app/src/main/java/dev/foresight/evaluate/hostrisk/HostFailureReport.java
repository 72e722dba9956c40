package dev.foresight.evaluate.hostrisk;

import dev.foresight.evaluate.hostrisk.PublishedFigures.Figure;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** The per-run table beside the published figures, and the false-positive rate on normal operation. */
public record HostFailureReport(Normal normal, List<RunResult> runs) {

    /**
     * How the rules were chosen on the normal file, and their false-positive rates there.
     *
     * @param settled            the rule of settled hosts, chosen on the calibration minutes in which all had settled
     * @param cold               the rule of hosts not yet settled, chosen on every calibration minute
     * @param calibrationMinutes the first part, which chose the rules; the rest is held out
     * @param settledMinutes     the calibration minutes in which every scored host had settled
     * @param keepScales         whether the scales outlived the restart into each run
     */
    record Normal(AlertRuleChoice.Chosen settled, AlertRuleChoice.Chosen cold, int calibrationMinutes,
                  int settledMinutes, int minutes, double calibrationFpr, double heldOutFpr, long deadLetters,
                  boolean keepScales) {

        double wholeFpr() {
            return (calibrationFpr * calibrationMinutes + heldOutFpr * (minutes - calibrationMinutes)) / minutes;
        }
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("## Host failure risk on recorded failures (PREVENT REDIS)\n\n");
        md.append(ruleText()).append("\n\n")
                .append("| run | fault | injection → failure (min) | ours: earliness / stability | steady false alarms "
                        + "(ours / PREVENT-A / PREVENT-E) | PREVENT-A | PREVENT-E | PREMISE |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        runs.forEach(run -> md.append(row(run)));
        md.append(String.format(Locale.ROOT, "| **median earliness** | | | **%s** | | %s | %s | %s |%n%n",
                median(runs.stream().map(RunResult::earliness).toList()),
                medianPublished("PREVENT-A"), medianPublished("PREVENT-E"), medianPublished("PREMISE")));
        md.append(String.format(Locale.ROOT, "False-positive rate on normal operation (minutes with any host in alert): "
                        + "**%.1f %%** on the held-out %,d minutes; %.1f %% on the %,d calibration minutes that chose the "
                        + "rule, %.1f %% over the whole normal file; published: PREVENT-E %.0f %%, PREVENT-A %.0f %%.%n",
                normal.heldOutFpr() * 100, normal.minutes() - normal.calibrationMinutes(),
                normal.calibrationFpr() * 100, normal.calibrationMinutes(), normal.wholeFpr() * 100,
                PublishedFigures.NORMAL_FPR.get("PREVENT-E") * 100, PublishedFigures.NORMAL_FPR.get("PREVENT-A") * 100));
        long dead = normal.deadLetters() + runs.stream().mapToLong(RunResult::deadLetters).sum();
        if (dead > 0) {
            md.append(String.format(Locale.ROOT, "%n%,d input record(s) were dead-lettered.%n", dead));
        }
        return md.toString();
    }

    private String ruleText() {
        return "One pair of alert rules for every run, chosen on normal data only; each run starts from the host risk "
                + "profiles the normal file left, as a restarted application would ("
                + (normal.keepScales() ? "levels learnt afresh, scales kept" : "which keeps nothing: a fresh start")
                + ").\n\n"
                + String.format(Locale.ROOT, "- **Settled hosts** (scales resting on a day or more): %s, over the %,d "
                        + "calibration minutes in which every host had settled.%n", ruleText(normal.settled()),
                        normal.settledMinutes())
                + String.format(Locale.ROOT, "- **Cold hosts** (scales resting on less than a day): %s, over all the first "
                        + "%,d of %,d normal minutes.%n", ruleText(normal.cold()), normal.calibrationMinutes(),
                        normal.minutes())
                + "\nThe exit share and the debounce were fixed beforehand.";
    }

    private static String ruleText(AlertRuleChoice.Chosen chosen) {
        String folds = Arrays.stream(chosen.foldShares()).mapToObj(share -> String.format(Locale.ROOT, "%.1f %%",
                share * 100)).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "alert when a host's risk has been at or above **%.3f** for %d minutes in a "
                        + "row, clear below %.3f (%.2f of it). %.3f is the %.1fth percentile of the per-minute highest "
                        + "host risk; %.1f is the lowest percentile (%.1f to %.1f, step %.1f) at which each of %d "
                        + "consecutive blocks of those minutes, alerting at the percentile of the other %d, kept within "
                        + "the %.0f %% budget%s (held-out blocks in time order: %s)",
                chosen.rule().alertThreshold(), chosen.rule().raiseAfter(), chosen.rule().exitThreshold(),
                chosen.rule().exitThreshold() / chosen.rule().alertThreshold(), chosen.rule().alertThreshold(),
                chosen.quantile() * 100, chosen.quantile() * 100,
                AlertRuleChoice.LOWEST_QUANTILE * 100, AlertRuleChoice.HIGHEST_QUANTILE * 100,
                AlertRuleChoice.QUANTILE_STEP * 100, chosen.foldShares().length, chosen.foldShares().length - 1,
                HostFailureEvaluation.BUDGET * 100, chosen.withinBudget() ? "" : " (none did: the highest was taken)",
                folds);
    }

    private static String row(RunResult run) {
        String name = run.run().name();
        return String.format(Locale.ROOT, "| %s | %s | %d → %d | %s / %s | %.0f %% / %s / %s | %s | %s | %s |%n",
                name, run.run().faultType(), run.run().injectionMinute(), run.run().failureMinute(),
                minutes(run.earliness()), run.firstCorrectMinute().isPresent() ? percent(run.stability()) : "–",
                run.steadyFalseAlarms() * 100,
                PublishedFigures.steadyFalseAlarms(name, "PREVENT-A").map(HostFailureReport::percent).orElse("?"),
                PublishedFigures.steadyFalseAlarms(name, "PREVENT-E").map(HostFailureReport::percent).orElse("?"),
                published(name, "PREVENT-A"), published(name, "PREVENT-E"), published(name, "PREMISE"));
    }

    private static String published(String run, String tool) {
        Optional<Figure> figure = PublishedFigures.of(run, tool);
        if (figure.isEmpty()) {
            return "?";
        }
        return figure.get().earliness().map(e -> e + " / " + percent(figure.get().stability().orElse(0.0)))
                .orElse("none");
    }

    private String medianPublished(String tool) {
        return median(runs.stream().map(run -> PublishedFigures.of(run.run().name(), tool)
                .flatMap(Figure::earliness).map(OptionalInt::of).orElse(OptionalInt.empty())).toList());
    }

    /** A run without a correct alarm counts as the lowest earliness, as it would for any tool. */
    private static String median(List<OptionalInt> earliness) {
        double[] values = earliness.stream().mapToDouble(e -> e.isPresent() ? e.getAsInt() : Double.NEGATIVE_INFINITY)
                .sorted().toArray();
        if (values.length == 0) {
            return "–";
        }
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return Double.isFinite(median) ? String.format(Locale.ROOT, "%.0f", median) : "none";
    }

    private static String minutes(OptionalInt earliness) {
        return earliness.isPresent() ? Integer.toString(earliness.getAsInt()) : "no correct alarm";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
