package dev.foresight.evaluate.hostrisk;

import dev.foresight.domain.hostrisk.HostRiskSettings;
import dev.foresight.evaluate.hostrisk.PublishedFigures.Figure;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** The per-run table beside the published figures, and the false-positive rate on normal operation. */
public record HostFailureReport(HostRiskSettings settings, double quantile, int calibrationMinutes, int normalMinutes,
                                double heldOutFpr, double weekFpr, List<RunResult> runs) {

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Host failure risk on recorded failures (PREVENT REDIS)\n\n")
                .append(String.format(Locale.ROOT, "One threshold for every run: risk %.3f (exit %.3f), the %.0fth "
                                + "percentile of the per-minute highest host risk over the first %,d of %,d normal minutes.%n%n",
                        settings.alertThreshold(), settings.exitThreshold(), quantile * 100, calibrationMinutes,
                        normalMinutes))
                .append("| run | fault | injection → failure (min) | ours: earliness / stability | steady false alarms "
                        + "(ours / PREVENT-A / PREVENT-E) | PREVENT-A | PREVENT-E | PREMISE |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        runs.forEach(run -> md.append(row(run)));
        md.append(String.format(Locale.ROOT, "| **median earliness** | | | **%s** | | %s | %s | %s |%n%n",
                median(runs.stream().map(RunResult::earliness).toList()),
                medianPublished("PREVENT-A"), medianPublished("PREVENT-E"), medianPublished("PREMISE")));
        md.append(String.format(Locale.ROOT, "False-positive rate on normal operation (minutes with any host in alert): "
                        + "**%.1f %%** on the held-out %,d minutes, %.1f %% over the whole normal file; published: "
                        + "PREVENT-E %.0f %%, PREVENT-A %.0f %%.%n", heldOutFpr * 100, normalMinutes - calibrationMinutes,
                weekFpr * 100, PublishedFigures.NORMAL_FPR.get("PREVENT-E") * 100,
                PublishedFigures.NORMAL_FPR.get("PREVENT-A") * 100));
        long dead = runs.stream().mapToLong(RunResult::deadLetters).sum();
        if (dead > 0) {
            md.append(String.format(Locale.ROOT, "%n%,d input record(s) were dead-lettered.%n", dead));
        }
        return md.toString();
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
