package dev.foresight.app;

import dev.foresight.evaluate.deployment.CiBuildEvaluation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ci-builds", description = "Build-failure risk: replays CI builds (CSV, one file per project, in "
        + "time order), scoring each build and deciding its alert at its start, then learning its label; reports "
        + "AUC, F1, precision and recall against the baselines, on unseen projects (threshold settings chosen "
        + "on the other projects) and with the live settings.")
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
