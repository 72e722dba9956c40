package dev.foresight.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The files an evaluation reads (files, or folders of them) and where it writes its report. */
final class EvaluationInputs {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Input files, or folders holding them.")
    List<Path> paths;

    @Option(names = "--out", defaultValue = "evaluation", paramLabel = "DIR",
            description = "Folder for the report (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The given files, and the files ending in {@code suffix} directly inside the given folders, sorted. */
    List<Path> files(String suffix) {
        return paths.stream().flatMap(path -> Files.isDirectory(path) ? children(path, suffix) : Stream.of(path))
                .toList();
    }

    private static Stream<Path> children(Path folder, String suffix) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(child -> child.getFileName().toString().endsWith(suffix)).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
