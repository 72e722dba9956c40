package dev.foresight.evaluate.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The NAB folder layout: {@code data/<category>/<file>.csv} ({@code timestamp,value}),
 * {@code labels/combined_windows.json} and {@code config/profiles.json}. Series are named
 * {@code <category>/<file>.csv} as in NAB's labels and score files.
 */
public record NabCorpus(List<NabSeries> series, List<NabProfile> profiles) {

    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
    private static final ObjectMapper JSON = new ObjectMapper();

    public NabCorpus {
        series = List.copyOf(series);
        profiles = List.copyOf(profiles);
    }

    public static NabCorpus read(Path root) throws IOException {
        Path data = root.resolve("data");
        Path labels = root.resolve("labels").resolve("combined_windows.json");
        Path config = root.resolve("config").resolve("profiles.json");
        for (Path required : List.of(data, labels, config)) {
            if (!Files.exists(required)) {
                throw new IOException("not a NAB folder: " + required + " is missing");
            }
        }
        JsonNode windows = JSON.readTree(labels.toFile());
        List<NabSeries> series = new ArrayList<>();
        for (Path file : dataFiles(data)) {
            String name = data.relativize(file).toString().replace('\\', '/');
            series.add(readSeries(name, file, windows.path(name)));
        }
        return new NabCorpus(series, readProfiles(config));
    }

    public NabProfile profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no NAB profile " + name));
    }

    private static List<Path> dataFiles(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data, 2)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    static NabSeries readSeries(String name, Path file, JsonNode windowLabels) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<LocalDateTime> timestamps = new ArrayList<>(lines.size());
        double[] values = new double[Math.max(0, lines.size() - 1)];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (cells.length < 2) {
                throw new IOException(file + " line " + (i + 1) + ": expected timestamp,value");
            }
            timestamps.add(parseTime(cells[0], file, i + 1));
            values[i - 1] = parseValue(cells[1], file, i + 1);
        }
        return new NabSeries(name, timestamps, values, windows(name, timestamps, windowLabels));
    }

    private static List<NabSeries.Window> windows(String name, List<LocalDateTime> timestamps, JsonNode labels)
            throws IOException {
        List<NabSeries.Window> windows = new ArrayList<>();
        for (JsonNode window : labels) {
            int first = timestamps.indexOf(parseTime(window.get(0).asText(), Path.of(name), 0));
            int last = timestamps.indexOf(parseTime(window.get(1).asText(), Path.of(name), 0));
            if (first < 0 || last < 0) {
                throw new IOException(name + ": window " + window + " does not start and end on rows of the file");
            }
            windows.add(new NabSeries.Window(first, last));
        }
        return windows;
    }

    private static List<NabProfile> readProfiles(Path config) throws IOException {
        List<NabProfile> profiles = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(config.toFile()).properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> profile = fields.next();
            JsonNode costs = profile.getValue().path("CostMatrix");
            profiles.add(new NabProfile(profile.getKey(), costs.path("tpWeight").asDouble(),
                    costs.path("fnWeight").asDouble(), costs.path("fpWeight").asDouble()));
        }
        return profiles;
    }

    private static LocalDateTime parseTime(String text, Path file, int line) throws IOException {
        try {
            return LocalDateTime.parse(text.trim(), NAB_TIME);
        } catch (DateTimeParseException e) {
            throw new IOException(file + " line " + line + ": bad timestamp '" + text + "'", e);
        }
    }

    private static double parseValue(String text, Path file, int line) throws IOException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + line + ": bad value '" + text + "'", e);
        }
    }
}
