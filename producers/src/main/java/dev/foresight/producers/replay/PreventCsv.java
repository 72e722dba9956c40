package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.events.TelemetryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The wide Metricbeat CSV of the PREVENT data sets ({@code timestamp} then {@code <host>_system.<metric>}
 * columns, one row a minute, optionally gzipped): each row becomes one sample per host.
 *
 * <p>CPU, memory, network and disk go into the telemetry fields ({@code cpu.total.norm.pct},
 * {@code memory.actual.used.pct}, in plus out bytes per second as Mbit/s, {@code fsstat} used over total);
 * every other column that varies somewhere in the file becomes a KPI named after its metric
 * ({@code load.1}). Network counters ({@code network.in.bytes}, ...) are cumulative, so they become
 * per-second rates ({@code network.in.bytes_per_s}), absent on a host's first row and after a counter reset.
 * Columns that never change carry no information and are left out, as are columns whose cells are not
 * numbers ({@code network.name}) and columns that do not name a host ({@code Unnamed: 1721}). The file is
 * read twice, so no column has to be held in memory.
 */
public final class PreventCsv {

    private static final Pattern HOST_COLUMN = Pattern.compile("([A-Za-z0-9.-]+)_system\\.(.+)");
    private static final Pattern COUNTER = Pattern.compile("network\\.(in|out)\\.(bytes|packets|errors|dropped)");
    private static final Pattern HOST_NUMBER = Pattern.compile("-?\\d+$");
    private static final String CPU = "cpu.total.norm.pct";
    private static final String MEMORY = "memory.actual.used.pct";
    private static final String NET_IN = "network.in.bytes";
    private static final String NET_OUT = "network.out.bytes";
    private static final String DISK_USED = "fsstat.total_size.used";
    private static final String DISK_TOTAL = "fsstat.total_size.total";
    private static final double MINUTE_SECONDS = 60;

    private final Optional<String> serviceId;

    public PreventCsv(Optional<String> serviceId) {
        this.serviceId = serviceId;
    }

    /**
     * Calls {@code sink} with every sample of the file, row by row, hosts in column order.
     *
     * @throws IllegalArgumentException if the file has no {@code timestamp} column, no host column, or a
     *                                  row whose width or time is wrong
     */
    public void forEach(Path file, Consumer<TelemetryEvent> sink) throws IOException {
        Columns columns = scan(file);
        String stem = CsvFiles.stem(file).replace(".csv", "");
        Map<String, Map<String, Double>> previousCounters = new HashMap<>();
        Map<String, Long> previousTime = new HashMap<>();
        try (BufferedReader lines = open(file)) {
            lines.readLine();
            String line;
            for (long row = 1; (line = lines.readLine()) != null; row++) {
                if (!line.isBlank()) {
                    String[] cells = cells(line, columns.width, row);
                    long time = parseTime(cells[0], row);
                    for (Map.Entry<String, Map<String, Integer>> host : columns.byHost.entrySet()) {
                        sink.accept(sample(stem + "-" + row, host.getKey(), host.getValue(), cells, time,
                                columns.varying, previousCounters, previousTime));
                    }
                }
            }
        }
    }

    private TelemetryEvent sample(String rowId, String hostId, Map<String, Integer> metrics, String[] cells, long time,
                                  boolean[] varying, Map<String, Map<String, Double>> previousCounters,
                                  Map<String, Long> previousTime) {
        Map<String, Double> values = new HashMap<>();
        metrics.forEach((metric, column) -> number(cells[column]).ifPresent(v -> values.put(metric, v)));
        Map<String, Double> counters = previousCounters.computeIfAbsent(hostId, h -> new HashMap<>());
        Long before = previousTime.put(hostId, time);
        double seconds = before == null ? 0 : (time - before) / 1000.0;
        Map<String, Double> rates = new HashMap<>();
        Map<String, Double> kpis = new HashMap<>();
        metrics.forEach((metric, column) -> {
            Double value = values.get(metric);
            if (value == null) {
                return;
            }
            if (COUNTER.matcher(metric).matches()) {
                Double last = counters.put(metric, value);
                if (last != null && seconds > 0 && value >= last) {
                    rates.put(metric, (value - last) / seconds);
                }
                if (varying[column] && rates.containsKey(metric)) {
                    kpis.put(metric + "_per_s", rates.get(metric));
                }
            } else if (varying[column] && !metric.equals(CPU) && !metric.equals(MEMORY)) {
                kpis.put(metric, value);
            }
        });
        TelemetryEvent.Builder event = ReplayEvents.telemetry(rowId + "-" + hostId, hostId, service(hostId), time)
                .setCpuUtilization(fraction(values.get(CPU)))
                .setMemoryUtilization(fraction(values.get(MEMORY)))
                .setNetworkMbps((rates.getOrDefault(NET_IN, 0.0) + rates.getOrDefault(NET_OUT, 0.0)) * 8 / 1e6)
                .setDiskUtilization(disk(values))
                .setKpis(kpis);
        return event.build();
    }

    /** {@code redis-14} belongs to {@code redis}. */
    private String service(String hostId) {
        return serviceId.orElseGet(() -> {
            String service = HOST_NUMBER.matcher(hostId).replaceAll("");
            return service.isEmpty() ? hostId : service;
        });
    }

    private static Double disk(Map<String, Double> values) {
        Double used = values.get(DISK_USED);
        Double total = values.get(DISK_TOTAL);
        return used == null || total == null || total <= 0 ? null : fraction(used / total);
    }

    private static double fraction(Double value) {
        return value == null ? 0 : Math.max(0, Math.min(1, value));
    }

    /** Which columns are hosts' numbers, and which of those ever change: the first read. */
    private static Columns scan(Path file) throws IOException {
        try (BufferedReader lines = open(file)) {
            String header = lines.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            String[] names = header.split(",", -1);
            if (!names[0].trim().equals("timestamp")) {
                throw new IllegalArgumentException(file + ": the first column must be 'timestamp', not '" + names[0] + "'");
            }
            ColumnScan scan = new ColumnScan(names.length);
            String line;
            for (long row = 1; (line = lines.readLine()) != null; row++) {
                if (!line.isBlank()) {
                    scan.add(cells(line, names.length, row));
                }
            }
            return scan.columns(file, names);
        }
    }

    private static String[] cells(String line, int width, long row) {
        String[] cells = line.split(",", -1);
        if (cells.length != width) {
            throw new IllegalArgumentException("row " + row + " has " + cells.length + " cells, the header " + width);
        }
        return cells;
    }

    private static long parseTime(String cell, long row) {
        try {
            return Timestamps.parseMillis(cell);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("row " + row + ": bad timestamp '" + cell + "'", e);
        }
    }

    private static Optional<Double> number(String cell) {
        String text = cell.trim();
        if (text.isEmpty() || text.equalsIgnoreCase("nan")) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Per column: whether a cell was text, and the first value with whether another one followed. */
    private static final class ColumnScan {

        private final boolean[] text;
        private final boolean[] varying;
        private final String[] first;

        ColumnScan(int width) {
            text = new boolean[width];
            varying = new boolean[width];
            first = new String[width];
        }

        void add(String[] cells) {
            for (int i = 1; i < cells.length; i++) {
                String cell = cells[i].trim();
                if (cell.isEmpty() || cell.equalsIgnoreCase("nan")) {
                    continue;
                }
                text[i] |= number(cell).isEmpty();
                if (first[i] == null) {
                    first[i] = cell;
                } else if (!varying[i] && !first[i].equals(cell)) {
                    varying[i] = true;
                }
            }
        }

        Columns columns(Path file, String[] names) {
            Map<String, Map<String, Integer>> byHost = new LinkedHashMap<>();
            for (int i = 1; i < names.length; i++) {
                Matcher column = HOST_COLUMN.matcher(names[i].trim());
                if (column.matches() && !text[i]) {
                    byHost.computeIfAbsent(column.group(1), h -> new LinkedHashMap<>()).put(column.group(2), i);
                }
            }
            if (byHost.isEmpty()) {
                throw new IllegalArgumentException(file + " has no <host>_system.<metric> column");
            }
            return new Columns(names.length, byHost, varying);
        }
    }

    private record Columns(int width, Map<String, Map<String, Integer>> byHost, boolean[] varying) {
    }

    /** As a trace reader, for {@code replay prevent}: every sample of the file, in memory. */
    static TraceReader reader(ReplayOptions options) {
        PreventCsv csv = new PreventCsv(options.serviceId());
        return file -> {
            List<TimedEvent<?>> events = new ArrayList<>();
            csv.forEach(file, sample -> events.add(ReplayEvents.timed(sample)));
            return events;
        };
    }
}
