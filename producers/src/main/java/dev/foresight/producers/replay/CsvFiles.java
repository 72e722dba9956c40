package dev.foresight.producers.replay;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads CSV files whose first line names the columns; quoted cells may contain commas. */
final class CsvFiles {

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema WITH_HEADER = CsvSchema.emptySchema().withHeader();

    private CsvFiles() {
    }

    static List<CsvRow> read(Path file) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> cells =
                     MAPPER.readerForMapOf(String.class).with(WITH_HEADER).readValues(file.toFile())) {
            while (cells.hasNext()) {
                rows.add(new CsvRow(rows.size() + 1, cells.next()));
            }
        }
        return rows;
    }

    /** {@code trace_rnaseq.csv} → {@code trace_rnaseq}. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
