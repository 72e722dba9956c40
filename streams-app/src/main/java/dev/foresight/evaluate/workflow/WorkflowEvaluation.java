package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.domain.workflow.SelectorSettings;
import dev.foresight.evaluate.InputFileException;
import dev.foresight.predict.workflow.LstmSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays recorded workflow runs (Nextflow trace CSVs, Lotaru execution reports, WfFormat instance JSONs)
 * and scores the baselines, the LSTM and the online selection among all of them, and the look-ahead's
 * 10-minute demand forecast, and writes
 * {@value #MARKDOWN}, {@value #CSV} and {@value #CHART} to an output folder. Every run starts cold: fresh
 * methods and an empty record per run. The selection's setting for a run is chosen on the <em>other</em>
 * runs ({@link LeaveOneRunOut}), never on the run it is scored on.
 */
public final class WorkflowEvaluation {

    public static final String MARKDOWN = "workflow-evaluation.md";
    public static final String CSV = "workflow-evaluation.csv";
    public static final String CHART = "workflow-wastage.svg";

    /**
     * The settings the selection may use; which one is chosen per run by leave-one-run-out. New action types
     * are sized either on the record of the run's other new types or by {@code planner}, the topology's rules.
     */
    static List<SelectorSettings> grid(String planner) {
        List<SelectorSettings> grid = new ArrayList<>();
        for (int window : new int[] {16, 64}) {
            for (double penalty : new double[] {0, 1}) {
                for (double prior : new double[] {0, 8}) {
                    for (String cold : List.of("", planner)) {
                        grid.add(new SelectorSettings(window, penalty, prior, cold));
                    }
                }
            }
        }
        return grid;
    }

    private final LstmSettings lstmSettings;
    private final AllocationPolicy policy;

    public WorkflowEvaluation(LstmSettings lstmSettings, AllocationPolicy policy) {
        this.lstmSettings = lstmSettings;
        this.policy = policy;
    }

    /** Evaluates recorded runs with the default settings of the predictor and the allocation policy. */
    public static List<MethodResult> run(List<Path> traces, Path outDir) throws IOException {
        return new WorkflowEvaluation(LstmSettings.defaults(), AllocationPolicy.defaults()).evaluate(traces, outDir);
    }

    public List<MethodResult> evaluate(List<Path> traces, Path outDir) throws IOException {
        List<ProposalTable> tables = new ArrayList<>();
        for (Path trace : traces) {
            tables.add(propose(read(trace)));
        }
        List<MethodResult> results = LeaveOneRunOut.score(tables, grid(LstmSizers.RULES));
        Files.createDirectories(outDir);
        List<DemandForecastEvaluation.Result> forecasts = tables.stream().map(DemandForecastEvaluation::score).toList();
        EvaluationReport report = new EvaluationReport(results, tables, forecasts);
        Files.writeString(outDir.resolve(MARKDOWN), report.markdown(lstmSettings, policy));
        Files.writeString(outDir.resolve(CSV), report.csv());
        Files.writeString(outDir.resolve(CHART), WastageChart.svg(results));
        return results;
    }

    /**
     * A {@code .json} file is a WfFormat instance; a CSV is a Nextflow trace if its header has
     * {@code process}, a Lotaru execution report if it has {@code Label} and {@code Task}.
     */
    static WorkflowRun read(Path trace) throws IOException {
        if (!Files.isRegularFile(trace)) {
            throw new InputFileException(trace, Files.exists(trace) ? "not a regular file" : "no such file");
        }
        WorkflowRun run = trace.getFileName().toString().endsWith(".json")
                ? WfFormatInstances.read(trace)
                : readCsv(CsvTable.read(trace));
        if (run.tasks().isEmpty()) {
            throw new InputFileException(trace, run.excluded().isEmpty()
                    ? "no task rows to score"
                    : "no task to score, every record was left out: " + run.excluded());
        }
        return run;
    }

    private static WorkflowRun readCsv(CsvTable table) {
        if (table.has("process")) {
            return NextflowTraces.read(table);
        }
        if (table.has("task") && table.has("label")) {
            return LotaruReports.read(table);
        }
        throw new InputFileException(table.file(), "neither a " + NextflowTraces.FORMAT + " (needs columns "
                + String.join(", ", NextflowTraces.REQUIRED) + ") nor a " + LotaruReports.FORMAT + " (needs "
                + String.join(", ", LotaruReports.REQUIRED) + ")");
    }

    ProposalTable propose(WorkflowRun run) {
        try (LstmSizers lstm = new LstmSizers(run.name(), lstmSettings, policy)) {
            double unrequestedMb = policy.defaultAllocation().memoryMb();
            return ProposalTable.propose(run, List.of(new HistorySizers(unrequestedMb), new InputSizers(unrequestedMb), lstm));
        }
    }
}
