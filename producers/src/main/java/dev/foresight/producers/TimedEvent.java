package dev.foresight.producers;

import dev.foresight.topics.TopicSpec;
import org.apache.avro.specific.SpecificRecord;

/** One event bound for a topic, with its key and event time. */
public record TimedEvent<V extends SpecificRecord>(TopicSpec<V> topic, String key, V value, long timestampMs) {

    public void sendTo(EventSink sink) {
        sink.send(topic, key, value, timestampMs);
    }
}
