package dev.foresight.query.demand;

import dev.foresight.schema.commands.CallerDemand;
import dev.foresight.schema.commands.DemandReport;
import java.util.Locale;

/** A demand report for people: the posture in a sentence, the numbers, the callers, what to do. */
public final class DemandReportMarkdown {

    private DemandReportMarkdown() {
    }

    public static String write(DemandReport r) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# Fleet demand: %s%n%n", r.getScope()));
        md.append(String.format(Locale.ROOT, "At %s: demand **%s**, resources **%s**, dispatch **%s**.%n%n",
                r.getIssuedAt(), lower(r.getDemandLevel().name()), lower(r.getResourceMode().name()),
                lower(r.getDispatchPosture().name())));
        md.append("| measure | value |\n|---|---|\n");
        row(md, "recent request rate (req/h, last " + hours(r.getRecentWindowHours()) + ")", r.getRecentRequestRate());
        row(md, "baseline request rate (req/h, " + hours(r.getBaselineWindowHours()) + " before)",
                r.getBaselineRequestRate());
        row(md, "surge factor", r.getSurgeFactor());
        md.append(String.format(Locale.ROOT, "| predicted request rate over %s | %.2f (90 %% interval %.2f – %.2f) |%n",
                hours(r.getHorizonHours()), r.getPredictedRequestRate(), orZero(r.getPredictedLower()),
                orZero(r.getPredictedUpper())));
        md.append(String.format(Locale.ROOT, "| forge outages | %d |%n| inference failures | %d |%n%n",
                r.getGiteaOutages(), r.getInferenceFailures()));
        if (!r.getTopCallers().isEmpty()) {
            md.append("| caller | requests | share | failure rate | batch weight | surge factor |\n"
                    + "|---|---:|---:|---:|---:|---:|\n");
            r.getTopCallers().forEach(c -> md.append(caller(c)));
            md.append('\n');
        }
        md.append("Recommended actions:\n\n");
        r.getRecommendedActions().forEach(a -> md.append("- ").append(a).append('\n'));
        md.append('\n').append("Why: ").append(r.getDecision().getExplanation()).append(".\n");
        return md.toString();
    }

    private static String caller(CallerDemand c) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f %% | %.1f %% | %.1f %% | %.2f |%n", c.getCaller(),
                c.getRequests(), 100 * c.getShare(), 100 * c.getFailureRate(), 100 * c.getBatchWeight(),
                c.getSurgeFactor());
    }

    private static void row(StringBuilder md, String label, double value) {
        md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", label, value));
    }

    private static String hours(double hours) {
        return hours >= 1 ? String.format(Locale.ROOT, "%.3g h", hours)
                : String.format(Locale.ROOT, "%.0f min", hours * 60);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
