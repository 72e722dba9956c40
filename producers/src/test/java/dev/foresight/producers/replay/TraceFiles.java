package dev.foresight.producers.replay;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.producers.Speedup;
import dev.foresight.topics.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Writes the small trace files the replay tests read, and replays them into memory. */
final class TraceFiles {

    private TraceFiles() {
    }

    static Path write(Path directory, String name, String... lines) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    static <V extends SpecificRecord> List<V> replay(String format, ReplayOptions options, Path file, TopicSpec<V> topic)
            throws IOException {
        RecordingEventSink sink = new RecordingEventSink();
        Replayers.forFormat(format, options).replay(file, sink, Speedup.MAX);
        return sink.values(topic);
    }

    static <V extends SpecificRecord> List<V> replay(String format, Path file, TopicSpec<V> topic) throws IOException {
        return replay(format, ReplayOptions.defaults(), file, topic);
    }
}
