package dev.foresight.app;

import dev.foresight.domain.signals.DetectorSettings;
import dev.foresight.evaluate.anomaly.AnomalyEvaluation;
import dev.foresight.evaluate.anomaly.AnomalyReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "anomalies", description = "Online anomaly detection scored with the Numenta Anomaly Benchmark's "
        + "rules (windows, scaled sigmoid, three profiles, probation, null/perfect normalization) over a NAB "
        + "folder (data/, labels/combined_windows.json, config/profiles.json, optional published-scores/).")
final class EvaluateAnomaliesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "The NAB folder.")
    Path nabRoot;

    @Option(names = "--out", defaultValue = "evaluation", paramLabel = "DIR",
            description = "Folder for the report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--nested", description = "Also score the nested leave-one-out over the 20 fusions the "
            + "settings were chosen from (each file scored at the setting and threshold best on the others; 20 "
            + "more detector runs).")
    boolean nested;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AnomalyReport report;
        try {
            report = AnomalyEvaluation.run(nabRoot, out, DetectorSettings.defaults(), nested);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        spec.commandLine().getOut().print(report.markdown());
        spec.commandLine().getOut().flush();
        return ForesightCli.OK;
    }
}
