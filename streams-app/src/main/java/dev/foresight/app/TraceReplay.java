package dev.foresight.app;

import dev.foresight.producers.EventSink;
import dev.foresight.producers.Pacer;
import dev.foresight.producers.Speedup;
import dev.foresight.producers.TimedEvent;
import dev.foresight.producers.replay.ReplayOptions;
import dev.foresight.producers.replay.Replayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Replays a recorded trace: one file, or every file of a directory merged into one time order. Events
 * are shifted so the last one happens now: the traces are years old (retention would delete them at
 * once), and ingestion rejects events from the future, so the whole trace must lie in the past.
 */
final class TraceReplay {

    private final String format;
    private final ReplayOptions options;

    TraceReplay(String format, ReplayOptions options) {
        this.format = format;
        this.options = options;
    }

    /** @return the number of events sent before the end of the trace or {@code stop} */
    long replay(Path path, EventSink sink, Speedup speedup, BooleanSupplier stop) throws IOException {
        return Pacer.system(speedup).send(events(path), sink, stop);
    }

    List<TimedEvent<?>> events(Path path) throws IOException {
        List<Path> files = files(path);
        List<List<TimedEvent<?>>> recorded = new ArrayList<>();
        for (Path file : files) {
            recorded.add(Replayers.forFormat(format, options).events(file));
        }
        long last = recorded.stream().flatMap(List::stream).mapToLong(TimedEvent::timestampMs).max().orElse(0);
        long shiftMs = System.currentTimeMillis() - last;
        List<TimedEvent<?>> merged = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (!recorded.get(i).isEmpty()) {
                Instant first = Instant.ofEpochMilli(recorded.get(i).get(0).timestampMs() + shiftMs);
                merged.addAll(Replayers.forFormat(format, options.withRebaseTo(first)).events(files.get(i)));
            }
        }
        merged.sort(Comparator.comparingLong(TimedEvent::timestampMs));
        return merged;
    }

    private static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }
}
