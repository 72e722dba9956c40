package dev.foresight.evaluate;

import java.nio.file.Path;

/** A user's input file (or folder) that an evaluation cannot read: the CLI prints the message alone. */
public final class InputFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public InputFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
