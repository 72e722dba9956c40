package dev.foresight.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "train", description = "Train a model offline on recorded data and write a checkpoint the app "
        + "starts from.", subcommands = {TrainDeploymentsCommand.class})
final class TrainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing what to train: deployments");
    }
}
