package dev.foresight.evaluate.anomaly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared real data beside the repository ({@code ../shared/data/<name>} from any ancestor of
 * the working folder), or where {@code -Dforesight.data=DIR} points. Tests on it are skipped without it.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Optional<Path> folder(String name) {
        String configured = System.getProperty("foresight.data");
        if (configured != null) {
            return Optional.of(Path.of(configured, name)).filter(Files::isDirectory);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
