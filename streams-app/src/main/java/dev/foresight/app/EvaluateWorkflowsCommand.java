package dev.foresight.app;

import dev.foresight.evaluate.workflow.WorkflowEvaluation;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "workflows", description = "Memory sizing of workflow tasks: replays Nextflow traces (.csv) and "
        + "WfFormat instances (.json) and reports wastage, under-allocations and error of the LSTM with fallback "
        + "against the baselines.")
final class EvaluateWorkflowsCommand implements Callable<Integer> {

    @Mixin
    EvaluationInputs inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // a file named on the command line comes back from both calls
        WorkflowEvaluation.run(Stream.concat(inputs.files(".csv").stream(), inputs.files(".json").stream())
                .distinct().toList(), inputs.out);
        spec.commandLine().getOut().print(Files.readString(inputs.out.resolve(WorkflowEvaluation.MARKDOWN)));
        spec.commandLine().getOut().flush();
        return ForesightCli.OK;
    }
}
