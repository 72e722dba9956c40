package dev.foresight.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code foresight bench ladder}: the throughput and latency benchmarks. */
@Command(name = "bench", subcommands = {LadderCommand.class, RungCommand.class},
        description = "Benchmarks on an embedded broker: 'bench ladder' measures each layer of the app.")
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: ladder");
    }
}
