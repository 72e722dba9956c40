package dev.foresight.app;

import dev.foresight.evaluate.workflow.WorkflowEvaluation;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "workflows", description = "Memory sizing of workflow tasks at submit: replays Nextflow traces "
        + "and Lotaru execution reports (.csv) and WfFormat instances (.json), and reports, for every run and the "
        + "median, the wastage and failed attempts of the online selection, the LSTM and the baselines.")
final class EvaluateWorkflowsCommand implements Callable<Integer> {

    @Mixin
    EvaluationInputs inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WorkflowEvaluation.run(inputs.files(".csv", ".json"), inputs.out);
        spec.commandLine().getOut().print(Files.readString(inputs.out.resolve(WorkflowEvaluation.MARKDOWN)));
        spec.commandLine().getOut().flush();
        return ForesightCli.OK;
    }
}
