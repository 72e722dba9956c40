package dev.foresight.app;

import dev.foresight.evaluate.InputFileException;
import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How the CLI reports a failure: a user's error as one line {@code foresight <command>: <what is wrong>} and
 * exit 2, with no stack trace; anything else is a bug or an outage, logged with its stack trace, exit 1.
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);

    /** A bad flag, a bad flag value, an unknown command: picocli found it, or a command threw it. */
    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        return report(command, error.getMessage() + " (see '" + name(command) + " --help')");
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parseResult) {
        Optional<String> userMistake = userMistake(error);
        if (userMistake.isPresent()) {
            return report(command, userMistake.get());
        }
        LOG.error("'{}' failed", name(command), error);
        return ForesightCli.FAILED;
    }

    /** The message of the first user error in the cause chain, if there is one. */
    static Optional<String> userMistake(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UserError || cause instanceof InputFileException) {
                return Optional.of(cause.getMessage());
            }
            if (cause instanceof NoSuchFileException missing) {
                return Optional.of(missing.getFile() + ": no such file or directory");
            }
            if (cause instanceof AccessDeniedException denied) {
                return Optional.of(denied.getFile() + ": permission denied");
            }
            if (cause instanceof FileNotFoundException | cause instanceof ConfigException) {
                return Optional.of(cause.getMessage());
            }
        }
        return Optional.empty();
    }

    private static int report(CommandLine command, String message) {
        command.getErr().println(name(command) + ": " + message.strip().replaceAll("\\s*\\R\\s*", "; "));
        command.getErr().flush();
        return ForesightCli.USAGE;
    }

    private static String name(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }
}
