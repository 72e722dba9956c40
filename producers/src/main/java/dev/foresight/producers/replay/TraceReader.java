package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Turns one trace file of a given format into our events, with their recorded event times. */
@FunctionalInterface
public interface TraceReader {

    /**
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if a row lacks a value the format requires
     */
    List<TimedEvent<?>> read(Path file) throws IOException;
}
