package dev.foresight.app;

import dev.foresight.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** Entry point of the shaded jar: {@code java -jar foresight.jar <command>}. */
@Command(name = "foresight", subcommands = {RunCommand.class, ProduceCommand.class, ReplayCommand.class,
        TopicsCommand.class, ResetCommand.class, CleanCommand.class, ExplainCommand.class, EvaluateCommand.class,
        TrainCommand.class, ReportCommand.class, BenchCommand.class, ServicesCommand.class},
        description = "Watches deployments, workflows and fleet telemetry on Kafka, predicts what is about to "
                + "happen and emits commands.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (see the log)", "2:user error (bad flag or value, missing or unreadable "
                + "file, unreachable cluster), said in one line", "3:reset refused: the app is still running"})
public final class ForesightCli implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int APP_RUNNING = 3;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run a command in-process. */
    public static CommandLine commandLine() {
        CliErrors errors = new CliErrors();
        return new CommandLine(new ForesightCli())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }
}
