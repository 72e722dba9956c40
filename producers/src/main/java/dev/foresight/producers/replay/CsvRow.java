package dev.foresight.producers.replay;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One data row of a CSV file with a header. Empty cells and Nextflow's {@code -} count as missing.
 *
 * @param number 1-based position among the data rows, for error messages
 */
record CsvRow(int number, Map<String, String> cells) {

    boolean has(String column) {
        return text(column) != null;
    }

    /** The trimmed cell, or null if the column is absent or the cell is missing. */
    String text(String column) {
        String value = cells.get(column);
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() || trimmed.equals("-") ? null : trimmed;
    }

    String requiredText(String column) {
        String value = text(column);
        if (value == null) {
            throw malformed(column, "is missing");
        }
        return value;
    }

    /** The cell as a number (a trailing {@code %} is ignored), or empty if missing. */
    OptionalDouble number(String column) {
        String value = text(column);
        if (value == null) {
            return OptionalDouble.empty();
        }
        String digits = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
        try {
            return OptionalDouble.of(Double.parseDouble(digits));
        } catch (NumberFormatException e) {
            throw malformed(column, "is not a number: '" + value + "'");
        }
    }

    double requiredNumber(String column) {
        return number(column).orElseThrow(() -> malformed(column, "is missing"));
    }

    IllegalArgumentException malformed(String column, String problem) {
        return new IllegalArgumentException("row " + number + ": column '" + column + "' " + problem);
    }
}
