package dev.foresight.evaluate.workflow;

import dev.foresight.evaluate.InputFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A CSV file with a header row (column names compared in lower case), {@code -} or an empty cell for a
 * missing value; a quoted cell may hold commas. A value that should be a number and is not is an input
 * error naming the file, the line and the column.
 */
final class CsvTable {

    private static final String MISSING = "-";

    private final Path file;
    private final Map<String, Integer> columns;
    private final List<Row> rows;

    private CsvTable(Path file, Map<String, Integer> columns, List<Row> rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    static CsvTable read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new InputFileException(file, "empty file, expected a CSV header row");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> names = split(lines.get(0));
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        CsvTable table = new CsvTable(file, columns, new ArrayList<>());
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                table.rows.add(table.new Row(i + 1, split(lines.get(i))));
            }
        }
        return table;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** Fails naming the first of {@code required} the header lacks. */
    void require(String format, List<String> required) {
        for (String column : required) {
            if (!has(column)) {
                throw new InputFileException(file, "not a " + format + ": the header has no column '" + column
                        + "' (needs " + String.join(", ", required) + ")");
            }
        }
    }

    List<Row> rows() {
        return rows;
    }

    Path file() {
        return file;
    }

    final class Row {

        private final int line;
        private final List<String> cells;

        private Row(int line, List<String> cells) {
            this.line = line;
            this.cells = cells;
        }

        String text(String column) {
            Integer index = columns.get(column);
            return index != null && index < cells.size() ? cells.get(index).trim() : "";
        }

        boolean missing(String column) {
            String value = text(column);
            return value.isEmpty() || value.equals(MISSING);
        }

        OptionalDouble number(String column) {
            if (missing(column)) {
                return OptionalDouble.empty();
            }
            String value = text(column);
            try {
                return OptionalDouble.of(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new InputFileException(file, "line " + line + ": column " + column + " is not a number: '"
                        + value + "'");
            }
        }

        /** The value divided by {@code unit}, or NaN (counted in {@code tally}) if the row does not say. */
        double optional(RecordTally tally, String column, double unit) {
            OptionalDouble value = number(column);
            if (value.isEmpty()) {
                tally.missing(column);
                return Double.NaN;
            }
            return value.getAsDouble() / unit;
        }
    }

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
