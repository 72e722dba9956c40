package dev.foresight.app;

/**
 * A mistake of the person at the command line (a file that is not there, a cluster that does not answer, a
 * setting Kafka refuses): the CLI prints the message alone, on one line, and exits with {@link ForesightCli#USAGE}.
 */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
