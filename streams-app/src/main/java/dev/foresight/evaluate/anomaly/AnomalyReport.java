package dev.foresight.evaluate.anomaly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** NAB results of our detector beside the published ones: overall per profile, and every file. */
public record AnomalyReport(List<NabSeries> series, List<ProfileResult> profiles, Map<String, double[]> published,
                            List<NestedSelection> nested) {

    static final String DETECTOR = "foresight online detector";

    public AnomalyReport {
        series = List.copyOf(series);
        profiles = List.copyOf(profiles);
        published = Map.copyOf(published);
        nested = List.copyOf(nested);
    }

    public ProfileResult profile(String name) {
        return profiles.stream().filter(p -> p.profile().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no profile " + name));
    }

    public void writeTo(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.write(outDir.resolve("anomalies.csv"), csvLines());
        Files.writeString(outDir.resolve("anomalies.md"), markdown());
    }

    List<String> csvLines() {
        List<String> lines = new ArrayList<>();
        lines.add("file,profile,threshold,score,tp,tn,fp,fn");
        for (ProfileResult result : profiles) {
            for (int f = 0; f < series.size(); f++) {
                NabFileScore s = result.files().get(f);
                lines.add(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%d,%d,%d,%d", series.get(f).name(),
                        result.profile().name(), result.threshold(), s.score(), s.truePositives(),
                        s.trueNegatives(), s.falsePositives(), s.falseNegatives()));
            }
        }
        return lines;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# NAB anomaly detection\n\n");
        md.append("NAB scoring over ").append(series.size()).append(" files, normalized over these files: ")
                .append("100 · (S − S_null) / (S_perfect − S_null). One threshold for all files.\n\n");
        md.append(overall());
        for (int p = 0; p < nested.size(); p++) {
            md.append(String.format(Locale.ROOT, "%nNested choice, %s: %s%n", profiles.get(p).profile().name(),
                    nested.get(p).picks()));
        }
        md.append("\n## Every file (standard profile, threshold chosen over all files)\n\n");
        md.append("| file | windows | score | detected rows in windows | false-positive rows |\n|---|---|---|---|---|\n");
        ProfileResult standard = profiles.get(0);
        for (int f = 0; f < series.size(); f++) {
            NabFileScore s = standard.files().get(f);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %d | %d |%n", series.get(f).name(),
                    series.get(f).windows().size(), s.score(), s.truePositives(), s.falsePositives()));
        }
        return md.toString();
    }

    private String overall() {
        StringBuilder md = new StringBuilder("| detector |");
        StringBuilder rule = new StringBuilder("|---|");
        for (ProfileResult result : profiles) {
            md.append(' ').append(result.profile().name()).append(" |");
            rule.append("---|");
        }
        md.append('\n').append(rule).append('\n');
        md.append("| ").append(DETECTOR).append(" (threshold over all files) |");
        profiles.forEach(r -> md.append(String.format(Locale.ROOT, " %.1f (t=%.4f) |", r.normalized(), r.threshold())));
        md.append("\n| ").append(DETECTOR).append(" (leave-one-out thresholds) |");
        profiles.forEach(r -> md.append(String.format(Locale.ROOT, " %.1f |", r.leaveOneOutNormalized())));
        md.append('\n');
        if (!nested.isEmpty()) {
            md.append("| ").append(DETECTOR).append(" (nested leave-one-out: setting and threshold chosen without the file) |");
            nested.forEach(n -> md.append(String.format(Locale.ROOT, " %.1f |", n.normalized())));
            md.append('\n');
        }
        for (Map.Entry<String, double[]> detector : published.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).toList()) {
            md.append("| ").append(detector.getKey()).append(" (published) |");
            for (double value : detector.getValue()) {
                md.append(String.format(Locale.ROOT, " %.1f |", value));
            }
            md.append('\n');
        }
        return md.toString();
    }
}
