package dev.foresight.producers;

import dev.foresight.topics.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Keeps every event in memory, in send order: for tests and dry runs. Not thread-safe. */
public final class RecordingEventSink implements EventSink {

    private final List<TimedEvent<?>> events = new ArrayList<>();

    @Override
    public <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value, long timestampMs) {
        events.add(new TimedEvent<>(topic, key, value, timestampMs));
    }

    public List<TimedEvent<?>> events() {
        return List.copyOf(events);
    }

    /** The values sent to one topic, in send order. */
    public <V extends SpecificRecord> List<V> values(TopicSpec<V> topic) {
        return events.stream()
                .filter(event -> event.topic().equals(topic))
                .map(event -> topic.valueType().cast(event.value()))
                .toList();
    }

    /** The events sent to one topic, in send order. */
    public List<TimedEvent<?>> eventsOn(TopicSpec<?> topic) {
        return events.stream().filter(event -> event.topic().equals(topic)).toList();
    }
}
