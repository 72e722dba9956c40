package dev.foresight.evaluate.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** An SVG bar chart of wastage per method, one panel per workflow, each panel on its own scale. */
final class WastageChart {

    private static final int PANEL_WIDTH = 360;
    private static final int PANEL_HEIGHT = 260;
    private static final int TOP = 40;
    private static final int BOTTOM = 90;
    private static final String[] COLOURS = {"#9e9e9e", "#90caf9", "#64b5f6", "#ffb74d", "#ffa726", "#2e7d32"};

    private WastageChart() {
    }

    static String svg(List<MethodResult> results) {
        Map<String, List<MethodResult>> byWorkflow = results.stream().collect(
                Collectors.groupingBy(MethodResult::workflow, LinkedHashMap::new, Collectors.toList()));
        int width = PANEL_WIDTH * Math.max(1, byWorkflow.size());
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, PANEL_HEIGHT + TOP + BOTTOM));
        int x = 0;
        for (Map.Entry<String, List<MethodResult>> workflow : byWorkflow.entrySet()) {
            panel(svg, x, workflow.getKey(), workflow.getValue());
            x += PANEL_WIDTH;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, int left, String workflow, List<MethodResult> results) {
        double max = results.stream().mapToDouble(MethodResult::wastageGibHours).max().orElse(1);
        int bar = (PANEL_WIDTH - 60) / results.size();
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"13\">%s: memory wastage, GiB·h</text>%n",
                left + 20, escape(workflow)));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            MethodResult result = results.get(i);
            double height = max > 0 ? PANEL_HEIGHT * result.wastageGibHours() / max : 0;
            int barLeft = left + 40 + i * bar;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>%n"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">%.1f</text>%n",
                    barLeft, TOP + PANEL_HEIGHT - height, bar - 6, height, COLOURS[i % COLOURS.length],
                    barLeft + (bar - 6) / 2, TOP + PANEL_HEIGHT - height - 4, result.wastageGibHours()));
            labels.add(String.format(Locale.ROOT,
                    "<text transform=\"translate(%d,%d) rotate(40)\">%s (%d fails)</text>%n",
                    barLeft + 4, TOP + PANEL_HEIGHT + 12, escape(result.method()), result.underAllocations()));
        }
        labels.forEach(svg::append);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
