package dev.foresight.app;

import dev.foresight.evaluate.InputFileException;
import dev.foresight.evaluate.forecast.ForecastEvaluation;
import dev.foresight.evaluate.forecast.ForecastReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "forecasts", description = "The online series forecaster on load-prediction-dsp (data/, results/): "
        + "sMAPE and MASE on the authors' test points and horizons against each of their nine published methods.")
final class EvaluateForecastsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "The load-prediction-dsp folder.")
    Path root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ForecastReport report;
        try {
            report = ForecastEvaluation.run(root);
        } catch (IOException | InputFileException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        spec.commandLine().getOut().print(report.markdown());
        spec.commandLine().getOut().flush();
        return ForesightCli.OK;
    }
}
