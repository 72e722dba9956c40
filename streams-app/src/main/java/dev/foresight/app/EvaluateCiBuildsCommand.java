package dev.foresight.app;

import dev.foresight.evaluate.deployment.CiBuildEvaluation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ci-builds", description = "Build-failure risk: replays CI builds (CSV, one file per project, in "
        + "time order), predicting each build and then learning its label; reports AUC and F1 against the "
        + "previous-build-result baseline.")
final class EvaluateCiBuildsCommand implements Callable<Integer> {

    @Mixin
    EvaluationInputs inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().print(CiBuildEvaluation.run(inputs.files(".csv"), inputs.out).markdown());
        spec.commandLine().getOut().flush();
        return ForesightCli.OK;
    }
}
