package dev.foresight.evaluate.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Nextflow trace exported as CSV (one row per task, {@code -} for a missing value) into a
 * {@link WorkflowRun}. Rows without the values a replay needs (start, completion, peak memory, runtime)
 * are left out, and counted in the run's name so a report shows it.
 */
public final class NextflowTraces {

    static final String SOURCE = "Nextflow trace";

    private static final double MIB = 1024 * 1024;
    private static final String MISSING = "-";

    private NextflowTraces() {
    }

    public static WorkflowRun read(Path trace) throws IOException {
        List<String> lines = Files.readAllLines(trace);
        Map<String, Integer> columns = columns(lines.get(0));
        List<TraceTask> tasks = new ArrayList<>();
        int skipped = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            if (!complete(cells, columns)) {
                skipped++;
                continue;
            }
            tasks.add(new TraceTask(cell(cells, columns, "process"),
                    number(cells, columns, "memory") / MIB, number(cells, columns, "peak_rss") / MIB,
                    number(cells, columns, "%cpu") / 100, number(cells, columns, "realtime"),
                    (number(cells, columns, "rchar") + number(cells, columns, "wchar")) / MIB,
                    (long) number(cells, columns, "start"), (long) number(cells, columns, "complete")));
        }
        String name = trace.getFileName().toString().replaceFirst("\\.csv$", "").replaceFirst("^trace_", "");
        return new WorkflowRun(skipped == 0 ? name : name + " (" + skipped + " rows incomplete)", SOURCE, tasks);
    }

    private static boolean complete(List<String> cells, Map<String, Integer> columns) {
        for (String required : List.of("process", "memory", "peak_rss", "realtime", "start", "complete")) {
            String value = cell(cells, columns, required);
            if (value.isEmpty() || value.equals(MISSING)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Integer> columns(String header) {
        Map<String, Integer> columns = new HashMap<>();
        List<String> names = split(header);
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        return columns;
    }

    private static String cell(List<String> cells, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            throw new IllegalArgumentException("trace has no column " + column);
        }
        return index < cells.size() ? cells.get(index).trim() : "";
    }

    /** Missing optional values (e.g. {@code %cpu}, {@code rchar}) count as 0. */
    private static double number(List<String> cells, Map<String, Integer> columns, String column) {
        String value = cell(cells, columns, column);
        return value.isEmpty() || value.equals(MISSING) ? 0 : Double.parseDouble(value);
    }

    /** Splits one CSV line; a quoted cell may hold commas. */
    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
