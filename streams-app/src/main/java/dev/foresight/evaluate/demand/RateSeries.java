package dev.foresight.evaluate.demand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request-rate series at a regular step, with the labelled anomaly windows if any: NAB's
 * {@code timestamp,value} files, or the Azure trace's arrivals counted per {@link #AZURE_STEP_MS}.
 *
 * @param windows pairs of {@code [startMs, endMs]}
 */
record RateSeries(String name, long startMs, long stepMs, double[] values, List<long[]> windows) {

    static final long AZURE_STEP_MS = 10_000;

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    long timeOf(int step) {
        return startMs + step * stepMs;
    }

    double hours() {
        return values.length * stepMs / 3_600_000.0;
    }

    static RateSeries read(Path file, Map<String, List<long[]>> labels) throws IOException {
        List<String> lines;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            lines = reader.lines().filter(line -> !line.isBlank()).toList();
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        String header = lines.get(0).trim();
        if (header.startsWith("TIMESTAMP,ContextTokens")) {
            return azure(file, lines);
        }
        if (header.equals("timestamp,value")) {
            return nab(file, lines, labels.getOrDefault(labelKey(file), List.of()));
        }
        throw new IllegalArgumentException(file + ": expected a NAB (timestamp,value) or Azure trace header, not '"
                + header + "'");
    }

    /** NAB names a file by its category folder and name. */
    static String labelKey(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return (parent == null ? "" : parent.getFileName() + "/") + file.getFileName();
    }

    private static RateSeries nab(Path file, List<String> lines, List<long[]> windows) {
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (cells.length != 2) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + " has no two cells");
            }
            times.add(parse(cells[0]));
            values.add(Double.parseDouble(cells[1].trim()));
        }
        long step = medianStep(times);
        double[] series = new double[(int) ((times.get(times.size() - 1) - times.get(0)) / step) + 1];
        java.util.Arrays.fill(series, Double.NaN);
        for (int i = 0; i < times.size(); i++) {
            series[(int) ((times.get(i) - times.get(0)) / step)] = values.get(i);
        }
        fillGaps(series);
        return new RateSeries(labelKey(file), times.get(0), step, series, windows);
    }

    private static RateSeries azure(Path file, List<String> lines) {
        long first = parse(lines.get(1).split(",")[0]);
        long last = parse(lines.get(lines.size() - 1).split(",")[0]);
        double[] counts = new double[(int) ((last - first) / AZURE_STEP_MS) + 1];
        for (int i = 1; i < lines.size(); i++) {
            counts[(int) ((parse(lines.get(i).split(",")[0]) - first) / AZURE_STEP_MS)]++;
        }
        return new RateSeries(file.getFileName().toString(), first, AZURE_STEP_MS, counts, List.of());
    }

    private static long parse(String text) {
        return LocalDateTime.parse(text.trim(), TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static long medianStep(List<Long> times) {
        List<Long> steps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            steps.add(times.get(i) - times.get(i - 1));
        }
        return steps.stream().sorted().toList().get(steps.size() / 2);
    }

    /** A missing step repeats the last value seen, as a collector that missed a sample would. */
    private static void fillGaps(double[] series) {
        for (int i = 1; i < series.length; i++) {
            if (Double.isNaN(series[i])) {
                series[i] = series[i - 1];
            }
        }
    }

    static Map<String, List<long[]>> labels(Path combinedWindows) throws IOException {
        JsonNode json = new ObjectMapper().readTree(combinedWindows.toFile());
        Map<String, List<long[]>> labels = new java.util.HashMap<>();
        json.properties().forEach(e -> {
            List<long[]> windows = new ArrayList<>();
            e.getValue().forEach(w -> windows.add(new long[] {parse(w.get(0).asText()), parse(w.get(1).asText())}));
            labels.put(e.getKey(), windows);
        });
        return labels;
    }
}
