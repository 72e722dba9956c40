package dev.foresight.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", description = "Score the predictors offline on recorded data; writes Markdown, CSV "
        + "and charts to --out and prints the Markdown.",
        subcommands = {EvaluateWorkflowsCommand.class, EvaluateCiBuildsCommand.class, EvaluateDemandCommand.class,
            EvaluateAnomaliesCommand.class, EvaluateHostFailuresCommand.class})
final class EvaluateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing evaluation: workflows, ci-builds, demand, anomalies or host-failures");
    }
}
