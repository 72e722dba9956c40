package dev.foresight.app;

import dev.foresight.evaluate.InputFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    /**
     * The given files, and the files ending in one of {@code suffixes} directly inside the given folders,
     * sorted, each once. A path that does not exist, or a folder without such files, is an input error.
     */
    List<Path> files(String... suffixes) {
        return paths.stream().flatMap(path -> {
            if (!Files.exists(path)) {
                throw new InputFileException(path, "no such file or folder");
            }
            return Files.isDirectory(path) ? children(path, suffixes) : Stream.of(path);
        }).distinct().toList();
    }

    private static Stream<Path> children(Path folder, String... suffixes) {
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> files = children.filter(child -> Files.isRegularFile(child)
                    && Arrays.stream(suffixes).anyMatch(child.getFileName().toString()::endsWith)).sorted().toList();
            if (files.isEmpty()) {
                throw new InputFileException(folder, "folder holds no " + String.join(" or ", suffixes) + " file");
            }
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
