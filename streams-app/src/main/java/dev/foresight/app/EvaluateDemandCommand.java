package dev.foresight.app;

import dev.foresight.evaluate.demand.DemandEvaluation;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demand", description = "Fleet demand posture on request-rate series (NAB timestamp,value files "
        + "and the Azure LLM inference trace): how early surges are flagged before their peak, level flaps per hour "
        + "with and without hysteresis (chosen by leave-one-out), coverage of the forecast's 90 % interval.")
final class EvaluateDemandCommand implements Callable<Integer> {

    @Mixin
    EvaluationInputs inputs;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "NAB's labels/combined_windows.json; labelled windows that rise are the surges of NAB files.")
    Path labels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try {
            DemandEvaluation.run(inputs.files(".csv"), labels, inputs.out);
        } catch (IllegalArgumentException | NoSuchFileException e) {
            spec.commandLine().getErr().println("evaluate demand: " + (e instanceof NoSuchFileException
                    ? "no such file: " : "") + e.getMessage());
            return ForesightCli.USAGE;
        }
        spec.commandLine().getOut().print(java.nio.file.Files.readString(inputs.out.resolve(DemandEvaluation.MARKDOWN)));
        spec.commandLine().getOut().flush();
        return ForesightCli.OK;
    }
}
