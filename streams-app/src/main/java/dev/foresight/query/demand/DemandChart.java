package dev.foresight.query.demand;

import dev.foresight.schema.commands.DemandReport;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * An SVG line chart of a fleet's reports over time: the recent request rate, the baseline, and the
 * forecast with its interval as a band. Each forecast is drawn at the time it was made.
 */
public final class DemandChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 360;
    private static final int MARGIN = 50;

    private DemandChart() {
    }

    public static String svg(List<DemandReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no reports to chart");
        }
        long first = reports.get(0).getIssuedAt().toEpochMilli();
        long last = Math.max(first + 1, reports.get(reports.size() - 1).getIssuedAt().toEpochMilli());
        double top = reports.stream().mapToDouble(r -> Math.max(Math.max(r.getRecentRequestRate(),
                r.getBaselineRequestRate()), upper(r))).max().orElse(1);
        Scale scale = new Scale(first, last, Math.max(top, 1) * 1.05);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\">%s: requests per hour</text>%n", MARGIN,
                escape(reports.get(0).getScope())));
        svg.append(band(reports, scale));
        svg.append(line(reports, scale, r -> r.getBaselineRequestRate(), "#888", "6 4"));
        svg.append(line(reports, scale, r -> r.getPredictedRequestRate(), "#d62728", "2 3"));
        svg.append(line(reports, scale, r -> r.getRecentRequestRate(), "#1f77b4", "none"));
        svg.append(axes(scale));
        svg.append(legend());
        return svg.append("</svg>\n").toString();
    }

    private record Scale(long fromMs, long toMs, double top) {

        double x(long timeMs) {
            return MARGIN + (WIDTH - 2.0 * MARGIN) * (timeMs - fromMs) / (toMs - fromMs);
        }

        double y(double rate) {
            return HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * rate / top;
        }
    }

    private static String band(List<DemandReport> reports, Scale scale) {
        StringBuilder points = new StringBuilder();
        reports.forEach(r -> points.append(point(scale, r, upper(r))));
        for (int i = reports.size() - 1; i >= 0; i--) {
            DemandReport r = reports.get(i);
            points.append(point(scale, r, r.getPredictedLower() == null ? 0 : r.getPredictedLower()));
        }
        return "<polygon fill=\"#d62728\" fill-opacity=\"0.15\" stroke=\"none\" points=\"" + points.toString().trim()
                + "\"/>\n";
    }

    private static String line(List<DemandReport> reports, Scale scale, ToDoubleFunction<DemandReport> value,
                               String colour, String dash) {
        StringBuilder points = new StringBuilder();
        reports.forEach(r -> points.append(point(scale, r, value.applyAsDouble(r))));
        return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
                + "stroke-dasharray=\"%s\" points=\"%s\"/>%n", colour, dash, points.toString().trim());
    }

    private static String point(Scale scale, DemandReport r, double rate) {
        return String.format(Locale.ROOT, "%.1f,%.1f ", scale.x(r.getIssuedAt().toEpochMilli()), scale.y(rate));
    }

    private static String axes(Scale scale) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN, MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN));
        for (int i = 0; i <= 4; i++) {
            double rate = scale.top() * i / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.1f\">%.0f</text>%n", scale.y(rate) + 4, rate));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n<text x=\"%d\" y=\"%d\" "
                        + "text-anchor=\"end\">%s</text>%n", MARGIN, HEIGHT - MARGIN + 18,
                java.time.Instant.ofEpochMilli(scale.fromMs()), WIDTH - MARGIN, HEIGHT - MARGIN + 18,
                java.time.Instant.ofEpochMilli(scale.toMs())));
        return svg.toString();
    }

    private static String legend() {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#1f77b4\">recent rate</text>%n"
                + "<text x=\"%d\" y=\"%d\" fill=\"#888\">baseline</text>%n"
                + "<text x=\"%d\" y=\"%d\" fill=\"#d62728\">forecast and 90 %% interval</text>%n",
                WIDTH - 330, 20, WIDTH - 240, 20, WIDTH - 170, 20);
    }

    private static double upper(DemandReport r) {
        return r.getPredictedUpper() == null ? r.getPredictedRequestRate() : r.getPredictedUpper();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
