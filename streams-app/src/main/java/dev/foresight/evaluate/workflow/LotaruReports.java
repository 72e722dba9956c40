package dev.foresight.evaluate.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Lotaru execution report (one machine, one workflow, one row per task of many runs) into a
 * {@link WorkflowRun}. The reports record no times, so the tasks are replayed one after the other in file
 * order: each is submitted when the one before completes, and runs its recorded {@code Realtime}. Rows
 * without a peak or runtime above 0 are counted and left out; a missing request or {@code TaskInputSize}
 * (the bytes of the task's input, known when it is submitted) is NaN.
 */
final class LotaruReports {

    static final String SOURCE = "Lotaru report";
    static final String FORMAT = "Lotaru execution report";
    static final List<String> REQUIRED = List.of("label", "machine", "workflow", "task", "realtime", "peak_rss");

    private static final double MIB = 1024 * 1024;

    private LotaruReports() {
    }

    static WorkflowRun read(CsvTable table) {
        table.require(FORMAT, REQUIRED);
        RecordTally tally = new RecordTally();
        List<TraceTask> tasks = new ArrayList<>();
        long clockMs = 0;
        String name = table.file().getFileName().toString();
        String workflowType = name;
        for (CsvTable.Row row : table.rows()) {
            workflowType = "lotaru-" + row.text("workflow");
            name = workflowType + "-" + row.text("machine");
            double peak = row.number("peak_rss").orElse(0);
            double realtime = row.number("realtime").orElse(0);
            if (peak <= 0) {
                tally.exclude("no peak_rss above 0");
            } else if (realtime <= 0) {
                tally.exclude("no realtime above 0");
            } else {
                long submit = clockMs;
                clockMs += (long) Math.ceil(realtime);
                tasks.add(new TraceTask(row.text("task"), row.optional(tally, "memory", MIB), peak / MIB,
                        row.optional(tally, "%cpu", 100), realtime,
                        (row.number("rchar").orElse(0) + row.number("wchar").orElse(0)) / MIB, submit, clockMs,
                        row.optional(tally, "taskinputsize", MIB)));
            }
        }
        return tally.run(name, workflowType, SOURCE, tasks);
    }
}
