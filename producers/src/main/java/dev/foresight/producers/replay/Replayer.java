package dev.foresight.producers.replay;

import dev.foresight.producers.EventSink;
import dev.foresight.producers.Pacer;
import dev.foresight.producers.Speedup;
import dev.foresight.producers.TimedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Replays one trace file: reads it, orders the events by event time (stable, so same-time events keep
 * the reader's order), optionally rebases them to a new start, and sends them paced by the speed-up.
 */
public final class Replayer {

    private final TraceReader reader;
    private final ReplayOptions options;

    public Replayer(TraceReader reader, ReplayOptions options) {
        this.reader = reader;
        this.options = options;
    }

    /** @return the number of events sent */
    public long replay(Path file, EventSink sink, Speedup speedup) throws IOException {
        return replay(file, sink, speedup, () -> false);
    }

    /** @return the number of events sent before the end of the file or {@code stop} */
    public long replay(Path file, EventSink sink, Speedup speedup, BooleanSupplier stop) throws IOException {
        return replay(file, sink, Pacer.system(speedup), stop);
    }

    /** As {@link #replay(Path, EventSink, Speedup, BooleanSupplier)}, with the pacing supplied. */
    public long replay(Path file, EventSink sink, Pacer pacer, BooleanSupplier stop) throws IOException {
        return pacer.send(events(file), sink, stop);
    }

    /** The events the file replays to, in send order, rebased if the options say so. */
    public List<TimedEvent<?>> events(Path file) throws IOException {
        List<TimedEvent<?>> events = new ArrayList<>(reader.read(file));
        events.sort(Comparator.comparingLong(TimedEvent::timestampMs));
        if (events.isEmpty() || options.rebaseTo().isEmpty()) {
            return events;
        }
        long shiftMs = options.rebaseTo().get().toEpochMilli() - events.get(0).timestampMs();
        return events.stream().<TimedEvent<?>>map(event -> shifted(event, shiftMs)).toList();
    }

    /** Every event type carries its event time in a field named {@code timestamp}. */
    private static <V extends SpecificRecord> TimedEvent<V> shifted(TimedEvent<V> event, long shiftMs) {
        long timeMs = event.timestampMs() + shiftMs;
        V value = event.value();
        Schema.Field timestamp = value.getSchema().getField("timestamp");
        value.put(timestamp.pos(), Instant.ofEpochMilli(timeMs));
        return new TimedEvent<>(event.topic(), event.key(), value, timeMs);
    }
}
