package dev.foresight.evaluate.forecast;

import dev.foresight.evaluate.forecast.ForecastEvaluation.Metrics;
import dev.foresight.evaluate.forecast.ForecastEvaluation.SeriesResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table of {@code evaluate forecasts}: per series, ours against the best published method and all nine. */
public record ForecastReport(List<SeriesResult> series) {

    public long wins() {
        return series.stream().filter(SeriesResult::beatsBest).count();
    }

    /** The geometric mean over the series of ours / last observed on the validation tails. */
    public double validationRatio() {
        return Math.exp(series.stream().mapToDouble(result -> Math.log(result.validation().ratio())).average().orElse(0));
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("| series | horizon | points | ours sMAPE % | ours MASE | best published "
                + "| its sMAPE % | its MASE | better |\n|---|---|---|---|---|---|---|---|---|\n");
        for (SeriesResult result : series) {
            Map.Entry<String, Metrics> best = result.bestPublished();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %s | %.3f | %.3f | %s |%n",
                    result.name(), result.horizon(), result.points(), result.ours().smape(), result.ours().mase(),
                    best.getKey(), best.getValue().smape(), best.getValue().mase(), result.beatsBest() ? "yes" : "no"));
        }
        out.append(String.format(Locale.ROOT, "%nBetter than the best published method on %d of %d series.%n%n",
                wins(), series.size()));
        List<String> methods = List.copyOf(series.get(0).published().keySet());
        out.append("| series | ours |");
        methods.forEach(method -> out.append(' ').append(method).append(" |"));
        out.append("\n|---|---|").append("---|".repeat(methods.size())).append('\n');
        for (SeriesResult result : series) {
            out.append("| ").append(result.name()).append(String.format(Locale.ROOT, " | %.3f |", result.ours().smape()));
            methods.forEach(method -> out.append(String.format(Locale.ROOT, " %.3f |", result.published().get(method).smape())));
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "%nValidation (the last fifth of each training part, the same protocol; "
                + "designs are compared on this): geometric mean of ours / last observed %.4f%n%n", validationRatio()));
        out.append("| series | ours sMAPE % | last observed sMAPE % |\n|---|---|---|\n");
        for (SeriesResult result : series) {
            out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", result.name(), result.validation().ours(),
                    result.validation().lastObserved()));
        }
        return out.toString();
    }
}
