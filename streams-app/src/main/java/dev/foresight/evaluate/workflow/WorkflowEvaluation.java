package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.predict.workflow.LstmSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Replays recorded workflow runs (Nextflow trace CSVs, WfFormat instance JSONs) against our
 * predictor-with-fallback and the baselines, and writes {@value #MARKDOWN}, {@value #CSV} and
 * {@value #CHART} to an output folder. Every run starts cold: a fresh predictor, planner and empty
 * histories per run. A task that requested nothing asks every method for the policy's default.
 */
public final class WorkflowEvaluation {

    public static final String MARKDOWN = "workflow-evaluation.md";
    public static final String CSV = "workflow-evaluation.csv";
    public static final String CHART = "workflow-wastage.svg";

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
        List<MethodResult> results = new ArrayList<>();
        for (Path trace : traces) {
            results.addAll(evaluate(read(trace)));
        }
        Files.createDirectories(outDir);
        EvaluationReport report = new EvaluationReport(results);
        Files.writeString(outDir.resolve(MARKDOWN), report.markdown(lstmSettings, policy));
        Files.writeString(outDir.resolve(CSV), report.csv());
        Files.writeString(outDir.resolve(CHART), WastageChart.svg(results));
        return results;
    }

    /** A {@code .json} file is a WfFormat instance, anything else a Nextflow trace. */
    static WorkflowRun read(Path trace) throws IOException {
        return trace.getFileName().toString().endsWith(".json")
                ? WfFormatInstances.read(trace)
                : NextflowTraces.read(trace);
    }

    List<MethodResult> evaluate(WorkflowRun run) {
        List<DoubleFunction<MemorySizer>> baselines = List.of(HistorySizer::requested, HistorySizer::lastValue,
                HistorySizer::runningP95, HistorySizer::wittMax, HistorySizer::wittMeanPlus2Sd);
        List<MethodResult> results = new ArrayList<>();
        for (DoubleFunction<MemorySizer> baseline : baselines) {
            results.add(MemoryReplay.replay(run, baseline.apply(policy.defaultAllocation().memoryMb())));
        }
        try (LstmSizer lstm = new LstmSizer(run.name(), lstmSettings, policy)) {
            results.add(MemoryReplay.replay(run, lstm));
        }
        return results;
    }
}
