package dev.foresight.evaluate.anomaly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One published detector's per-file results under one profile, from NAB's
 * {@code <detector>_<profile>_scores.csv} ({@code Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,...});
 * NAB's own summary row (File empty or "Totals") is skipped.
 */
public record PublishedScores(String detector, String profile, Map<String, NabFileScore> files) {

    public PublishedScores {
        files = Map.copyOf(files);
    }

    public static PublishedScores read(Path folder, String detector, String profile) throws IOException {
        Path file = folder.resolve(detector + "_" + profile + "_scores.csv");
        List<String> lines = Files.readAllLines(file);
        Map<String, NabFileScore> files = new LinkedHashMap<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] cells = line.split(",");
            if (cells.length < 9 || cells[2].isBlank() || cells[2].equals("Totals")) {
                continue;
            }
            try {
                files.put(cells[2], new NabFileScore(Double.parseDouble(cells[4]), Integer.parseInt(cells[5]),
                        Integer.parseInt(cells[6]), Integer.parseInt(cells[7]), Integer.parseInt(cells[8])));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": bad row '" + line + "'", e);
            }
        }
        return new PublishedScores(detector, profile, files);
    }

    /** The sum of the published scores over the given files; a file without a published score is an error. */
    public double total(List<String> names) {
        double total = 0;
        for (String name : names) {
            NabFileScore score = files.get(name);
            if (score == null) {
                throw new IllegalArgumentException(detector + " has no " + profile + " score for " + name);
            }
            total += score.score();
        }
        return total;
    }
}
