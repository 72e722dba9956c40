package dev.foresight.evaluate.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads a Nextflow trace exported as CSV (one row per task attempt) into a {@link WorkflowRun}. Kept: rows
 * with status {@code COMPLETED} (every row if the trace has no status column), a submit and complete time,
 * and a peak and runtime above 0; every other row is counted by reason. A missing request is NaN (the task
 * asks for the platform default), never 0.
 */
final class NextflowTraces {

    static final String SOURCE = "Nextflow trace";
    static final String FORMAT = "Nextflow trace";
    static final List<String> REQUIRED = List.of("process", "submit", "complete", "realtime", "peak_rss");

    private static final double MIB = 1024 * 1024;

    private NextflowTraces() {
    }

    static WorkflowRun read(CsvTable table) {
        table.require(FORMAT, REQUIRED);
        RecordTally tally = new RecordTally();
        List<TraceTask> tasks = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            if (table.has("status") && !"COMPLETED".equals(row.text("status"))) {
                tally.exclude("status " + (row.missing("status") ? "missing" : row.text("status")));
                continue;
            }
            OptionalDouble submit = row.number("submit");
            OptionalDouble complete = row.number("complete");
            double peak = row.number("peak_rss").orElse(0);
            double realtime = row.number("realtime").orElse(0);
            if (submit.isEmpty() || complete.isEmpty()) {
                tally.exclude("no submit or complete time");
            } else if (peak <= 0) {
                tally.exclude("no peak_rss above 0");
            } else if (realtime <= 0) {
                tally.exclude("no realtime above 0");
            } else {
                double io = (row.number("rchar").orElse(0) + row.number("wchar").orElse(0)) / MIB;
                tasks.add(new TraceTask(row.text("process"), row.optional(tally, "memory", MIB), peak / MIB,
                        row.optional(tally, "%cpu", 100), realtime, io, (long) submit.getAsDouble(),
                        (long) complete.getAsDouble()));
            }
        }
        String name = table.file().getFileName().toString().replaceFirst("\\.(csv|txt)$", "")
                .replaceFirst("^trace_", "");
        return tally.run(name, SOURCE, tasks);
    }
}
