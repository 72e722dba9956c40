package dev.foresight.evaluate.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes small Nextflow-style trace CSVs (without a status column unless given one) for tests. */
final class TraceFiles {

    static final String HEADER = "task_id,process,tag,memory,submit,start,complete,realtime,%cpu,peak_rss,rchar,wchar";
    static final long MIB = 1024 * 1024;

    private TraceFiles() {
    }

    /** One row submitted when it starts; memory values in MiB, times in ms. */
    static String row(int id, String process, long requestedMib, long startMs, long completeMs, long peakMib) {
        return row(id, process, requestedMib, startMs, startMs, completeMs, peakMib);
    }

    static String row(int id, String process, long requestedMib, long submitMs, long startMs, long completeMs,
                      long peakMib) {
        return String.format(Locale.ROOT, "%d,%s,sample,%d,%d,%d,%d,%d,95.0,%d,1048576,1048576", id, process,
                requestedMib * MIB, submitMs, startMs, completeMs, completeMs - startMs, peakMib * MIB);
    }

    static Path writeWithHeader(Path dir, String name, String header, List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        return Files.write(dir.resolve(name), lines);
    }

    static Path write(Path dir, String name, List<String> rows) throws IOException {
        return writeWithHeader(dir, name, HEADER, rows);
    }

    /** A run of {@code tasks} tasks of three types, two running at a time, peaks varying a little per type. */
    static Path generatedRun(Path dir, String name, int tasks) throws IOException {
        List<String> rows = new ArrayList<>();
        String[] types = {"ALIGN", "SORT", "REPORT"};
        for (int i = 0; i < tasks; i++) {
            long start = 60_000L * (i / 2);
            long peak = 500L * (1 + i % 3) + (i * 37L) % 50;
            rows.add(row(i + 1, "WF:" + types[i % 3], 4096, start, start + 90_000, peak));
        }
        return write(dir, name, rows);
    }
}
